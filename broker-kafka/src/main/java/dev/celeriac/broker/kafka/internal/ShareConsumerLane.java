package dev.celeriac.broker.kafka.internal;

import dev.celeriac.api.spi.BrokerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One share consumer and the platform thread that owns it. A {@code KafkaShareConsumer} is
 * single-threaded, and in explicit acknowledgement mode it refuses to poll while a record of its
 * previous poll is unacknowledged. So the thread alternates: it fetches a batch, hands the records
 * on, then applies the settlements other threads queue for them and commits each group of them, and
 * fetches again only once the whole batch is settled. A batch held up by a slow task stops only
 * this lane.
 *
 * <p>Before it polls, the lane takes one prefetch permit per record its share consumer may acquire
 * ({@code max.poll.records}), and it keeps them through polls that return nothing: after such a
 * poll Kafka's client goes on fetching in the background until a fetch brings records, which it
 * acquires and buffers for the next poll. Permits of records not acquired go back when a batch
 * arrives; the rest follow the records' settlements.
 *
 * <p>On stop it applies the settlements already queued, releases every record still unsettled,
 * commits, and closes the consumer; settlements asked for after that fail with a {@link
 * BrokerException}.
 */
final class ShareConsumerLane implements SettlementSink {
  private static final Logger log = LoggerFactory.getLogger(ShareConsumerLane.class);
  private static final long WAIT_SLICE_MS = 100;

  private final ShareConsumer<byte[], byte[]> consumer;
  private final Set<String> topics;
  private final TopicNames names;
  private final Semaphore permits;
  private final int batchSize;
  private final Duration pollTimeout;
  private final Duration commitTimeout;
  private final Consumer<KafkaDelivery> handOff;
  private final LinkedBlockingQueue<Settlement> queued = new LinkedBlockingQueue<>();
  // Touched only by the lane's thread.
  private final Map<RecordKey, KafkaDelivery> unsettled = new HashMap<>();
  // Permits held for the batch the share consumer may be fetching; touched only by the thread.
  private int reserved;
  private final PendingAcknowledgements committing = new PendingAcknowledgements(this::onSettled);
  private final Thread thread;
  private volatile boolean holding;
  private volatile boolean stopping;
  private volatile boolean leftLoop;
  private volatile @Nullable CountDownLatch stoppedFetching;
  private volatile @Nullable CountDownLatch quietClosed;
  private final AtomicBoolean countedAsStopped = new AtomicBoolean();
  private final AtomicBoolean countedAsQuiet = new AtomicBoolean();
  private volatile @Nullable RuntimeException failure;
  // Guarded by this.
  private boolean exited;

  ShareConsumerLane(
      String name,
      ShareConsumer<byte[], byte[]> consumer,
      Set<String> topics,
      TopicNames names,
      Semaphore permits,
      int batchSize,
      Duration commitTimeout,
      Consumer<KafkaDelivery> handOff) {
    this.consumer = consumer;
    this.topics = Set.copyOf(topics);
    this.names = names;
    this.permits = permits;
    this.batchSize = batchSize;
    this.pollTimeout = ClientConfigs.sharePollTimeout();
    this.commitTimeout = commitTimeout;
    this.handOff = handOff;
    this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /** True while records of its last batch are unsettled, so it cannot fetch more. */
  boolean isHolding() {
    return holding;
  }

  /** The error that ended the lane, or null while it runs or after a clean stop. */
  @Nullable RuntimeException failure() {
    return failure;
  }

  boolean isAlive() {
    return thread.isAlive();
  }

  /**
   * Asks the lane to stop; it notices within a poll timeout. It counts {@code stoppedFetching} down
   * once it no longer fetches, and waits (at most the commit timeout) for the latch to reach zero.
   * Then a lane with nothing to release closes its consumer and counts {@code quietClosed} down; a
   * lane with records to release counts it down at once and waits (at most the commit timeout) for
   * it to reach zero before it releases them. A share consumer that no longer polls may still have
   * a fetch outstanding at the broker, which would acquire a record released by a sibling (raising
   * its delivery count) only to release it again when it closes; with every sibling's consumer
   * closed first, a record this subscription gives back is acquired next by another consumer.
   */
  void stop(CountDownLatch stoppedFetching, CountDownLatch quietClosed) {
    this.stoppedFetching = stoppedFetching;
    this.quietClosed = quietClosed;
    stopping = true;
    if (leftLoop) {
      countAsStopped(stoppedFetching);
      countAsQuiet(quietClosed);
    }
  }

  private void countAsStopped(CountDownLatch latch) {
    if (countedAsStopped.compareAndSet(false, true)) {
      latch.countDown();
    }
  }

  private void countAsQuiet(@Nullable CountDownLatch latch) {
    if (latch != null && countedAsQuiet.compareAndSet(false, true)) {
      latch.countDown();
    }
  }

  private void awaitQuietLanesClosed() {
    CountDownLatch latch = quietClosed;
    if (latch == null) {
      return;
    }
    countAsQuiet(latch);
    try {
      latch.await(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitOtherLanesStoppedFetching() {
    leftLoop = true;
    CountDownLatch latch = stoppedFetching;
    if (latch == null) {
      return;
    }
    countAsStopped(latch);
    try {
      latch.await(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits at most {@code timeout} for the lane to release its records and close its consumer. */
  void awaitExit(Duration timeout) {
    try {
      thread.join(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.warn("{} did not stop within {}", thread.getName(), timeout);
    }
  }

  @Override
  public CompletableFuture<Void> settle(KafkaDelivery delivery, AcknowledgeType type) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (this) {
      if (exited) {
        return CompletableFuture.failedFuture(closedFailure(delivery));
      }
      queued.add(new Settlement(delivery, type, done));
    }
    return done;
  }

  private void run() {
    try {
      consumer.setAcknowledgementCommitCallback(committing);
      consumer.subscribe(topics);
      while (!stopping) {
        if (unsettled.isEmpty()) {
          fetch();
        } else {
          awaitSettlements();
        }
      }
    } catch (RuntimeException e) {
      failure = e;
      log.error("{} failed; its records go back to the queue", thread.getName(), e);
    } catch (InterruptedException e) {
      failure = new BrokerException("share consumer thread interrupted", e);
    } finally {
      awaitOtherLanesStoppedFetching();
      shutDown();
    }
  }

  private void fetch() throws InterruptedException {
    if (reserved == 0) {
      if (!permits.tryAcquire(batchSize, WAIT_SLICE_MS, TimeUnit.MILLISECONDS)) {
        return;
      }
      reserved = batchSize;
    }
    List<KafkaDelivery> batch = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(pollTimeout)) {
      var delivery = new KafkaDelivery(record, names.queueOf(record.topic()), this);
      unsettled.put(delivery.key(), delivery);
      batch.add(delivery);
    }
    if (batch.isEmpty()) {
      // Keep the permits: the client keeps fetching until records come, and acquires them into its
      // buffer whether or not this lane polls again; without permits to poll, they would wait
      // there, hidden from every other consumer, while their locks run.
      return;
    }
    holding = true;
    permits.release(Math.max(0, reserved - batch.size()));
    reserved = 0;
    logFetched(batch);
    batch.forEach(handOff);
  }

  private void logFetched(List<KafkaDelivery> batch) {
    if (!log.isDebugEnabled()) {
      return;
    }
    var perPartition = new TreeMap<String, Integer>();
    int mostDeliveries = 0;
    for (KafkaDelivery delivery : batch) {
      perPartition.merge(
          delivery.record().topic() + "-" + delivery.record().partition(), 1, Integer::sum);
      mostDeliveries = Math.max(mostDeliveries, delivery.deliveryCount());
    }
    log.debug(
        "{} acquired {} of at most {} records {}, delivery counts up to {}; {} permits free",
        thread.getName(),
        batch.size(),
        batchSize,
        perPartition,
        mostDeliveries,
        permits.availablePermits());
  }

  private void awaitSettlements() throws InterruptedException {
    Settlement first = queued.poll(WAIT_SLICE_MS, TimeUnit.MILLISECONDS);
    if (first != null) {
      List<Settlement> settlements = new ArrayList<>();
      settlements.add(first);
      queued.drainTo(settlements);
      apply(settlements);
    }
  }

  private void apply(List<Settlement> settlements) {
    for (Settlement settlement : settlements) {
      consumer.acknowledge(settlement.delivery().record(), settlement.type());
      committing.add(settlement);
    }
    commit();
  }

  /** Commits what was acknowledged; each settlement's future follows its own partition's result. */
  private void commit() {
    if (committing.isEmpty()) {
      return;
    }
    try {
      committing.completeFromResults(consumer.commitSync(commitTimeout));
    } catch (KafkaException e) {
      committing.failAll(e);
    }
  }

  private void onSettled(RecordKey key) {
    if (unsettled.remove(key) != null) {
      permits.release();
    }
    holding = !unsettled.isEmpty();
  }

  private void shutDown() {
    try {
      List<Settlement> settlements = new ArrayList<>();
      queued.drainTo(settlements);
      settlements.forEach(s -> committingOrFail(s));
      commit();
      if (!unsettled.isEmpty()) {
        awaitQuietLanesClosed();
        releaseUnsettled();
        commit();
      }
    } catch (RuntimeException e) {
      log.warn("{}: could not commit its last settlements", thread.getName(), e);
    }
    try {
      consumer.close(commitTimeout);
    } catch (RuntimeException e) {
      log.warn("{}: share consumer did not close cleanly", thread.getName(), e);
    }
    countAsQuiet(quietClosed);
    List<Settlement> late = new ArrayList<>();
    synchronized (this) {
      exited = true;
      queued.drainTo(late);
    }
    late.forEach(s -> s.done().completeExceptionally(closedFailure(s.delivery())));
    committing.failAll(new KafkaException("the share consumer closed before the commit"));
    permits.release(unsettled.size() + reserved);
    reserved = 0;
    unsettled.clear();
    holding = false;
  }

  private void committingOrFail(Settlement settlement) {
    try {
      consumer.acknowledge(settlement.delivery().record(), settlement.type());
      committing.add(settlement);
    } catch (RuntimeException e) {
      committing.fail(settlement, e);
    }
  }

  private void releaseUnsettled() {
    for (KafkaDelivery delivery : unsettled.values()) {
      if (!committing.contains(delivery.key())) {
        consumer.acknowledge(delivery.record(), AcknowledgeType.RELEASE);
      }
    }
  }

  private static BrokerException closedFailure(KafkaDelivery delivery) {
    return new BrokerException(
        "the consumer of " + delivery + " was closed and released it for redelivery");
  }

  @Override
  public String toString() {
    return thread.getName();
  }
}
