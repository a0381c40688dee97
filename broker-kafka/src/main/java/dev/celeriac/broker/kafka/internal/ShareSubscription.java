package dev.celeriac.broker.kafka.internal;

import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.Delivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BrokerConsumer} made of a pool of {@link ShareConsumerLane lanes}, each a share consumer
 * of the same group on its own thread. Lanes put the records they acquire into one hand-off queue
 * that {@link #poll} drains; all of them together hold at most {@code prefetch} unsettled records
 * (a semaphore of permits). A lane waiting for its batch to be settled fetches nothing, and Kafka
 * does not hand its partitions to others while it stays in the group; so when a poll finds nothing
 * ready while some lane is held up, the subscription opens another lane (at most one per 100 ms, up
 * to the maximum), which joins the group and takes a share of the partitions.
 */
public final class ShareSubscription implements BrokerConsumer {
  private static final Logger log = LoggerFactory.getLogger(ShareSubscription.class);
  private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final String name;
  private final Set<String> topics;
  private final TopicNames names;
  private final Supplier<ShareConsumer<byte[], byte[]>> consumers;
  private final SubscriptionSizing sizing;
  private final Duration closeTimeout;
  private final long staleAfterNanos;
  private final Semaphore permits;
  private final LinkedBlockingQueue<KafkaDelivery> ready = new LinkedBlockingQueue<>();
  private final List<ShareConsumerLane> lanes = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * A subscription named {@code name} (used for thread names) to {@code topics}, whose lanes get
   * their share consumers, already configured for the group, from {@code consumers}. Opens its
   * first lane at once.
   */
  public ShareSubscription(
      String name,
      Set<String> topics,
      TopicNames names,
      Supplier<ShareConsumer<byte[], byte[]>> consumers,
      SubscriptionSizing sizing,
      Duration lock,
      Duration closeTimeout) {
    this.name = name;
    this.topics = Set.copyOf(topics);
    this.names = names;
    this.consumers = consumers;
    this.sizing = sizing;
    this.closeTimeout = closeTimeout;
    this.staleAfterNanos = lock.toNanos() / 2;
    this.permits = new Semaphore(sizing.prefetch());
    for (int i = 0; i < sizing.consumers(); i++) {
      openLane();
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code maxMessages} is below 1 or {@code timeout} negative
   * @throws IllegalStateException if the consumer is closed
   * @throws BrokerException if a share consumer failed (for example, it is not authorised, or the
   *     cluster has share groups turned off)
   */
  @Override
  public List<Delivery> poll(int maxMessages, Duration timeout) {
    if (maxMessages < 1) {
      throw new IllegalArgumentException("maxMessages must be >= 1, was " + maxMessages);
    }
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
    }
    if (closed.get()) {
      throw new IllegalStateException("the Kafka consumer " + name + " is closed");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      throwIfFailed();
      openLaneIfOneIsHeldUp();
      long remaining = deadline - System.nanoTime();
      KafkaDelivery first;
      try {
        first =
            ready.poll(Math.max(0, Math.min(remaining, WAIT_SLICE_NANOS)), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
      if (first != null) {
        List<KafkaDelivery> taken = new ArrayList<>();
        taken.add(first);
        ready.drainTo(taken, maxMessages - 1);
        List<Delivery> fresh = releaseStale(taken);
        if (!fresh.isEmpty()) {
          return fresh;
        }
        continue;
      }
      if (remaining <= WAIT_SLICE_NANOS || closed.get()) {
        return List.of();
      }
    }
  }

  /** True once {@link #close()} was called. */
  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Stops every lane; each releases its unsettled records and closes its share consumer. Waits at
   * most the close timeout per lane. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    var stoppedFetching = new CountDownLatch(lanes.size());
    var quietClosed = new CountDownLatch(lanes.size());
    lanes.forEach(lane -> lane.stop(stoppedFetching, quietClosed));
    lanes.forEach(lane -> lane.awaitExit(closeTimeout));
    ready.clear();
  }

  private List<Delivery> releaseStale(List<KafkaDelivery> taken) {
    List<Delivery> fresh = new ArrayList<>(taken.size());
    for (KafkaDelivery delivery : taken) {
      if (delivery.nanosSinceAcquired() > staleAfterNanos) {
        log.debug("releasing {}: it waited longer than half its lock to be polled", delivery);
        delivery.release();
      } else {
        fresh.add(delivery);
      }
    }
    return List.copyOf(fresh);
  }

  private void throwIfFailed() {
    for (ShareConsumerLane lane : lanes) {
      RuntimeException failure = lane.failure();
      if (failure != null && !lane.isAlive()) {
        ready.removeIf(d -> d.sink() == lane);
        throw new BrokerException(
            "the Kafka share consumer " + lane + " failed: " + failure.getMessage(), failure);
      }
    }
  }

  private void openLaneIfOneIsHeldUp() {
    if (!ready.isEmpty()
        || lanes.size() >= sizing.maxConsumers()
        || permits.availablePermits() < sizing.recordsPerFetch()) {
      return;
    }
    for (ShareConsumerLane lane : lanes) {
      if (lane.isHolding()) {
        openLane();
        return;
      }
    }
  }

  private void openLane() {
    var lane =
        new ShareConsumerLane(
            name + "-" + (lanes.size() + 1),
            consumers.get(),
            topics,
            names,
            permits,
            sizing.recordsPerFetch(),
            closeTimeout,
            ready::add);
    lanes.add(lane);
    lane.start();
    log.debug(
        "{} opened share consumer {}; {} permits free", name, lane, permits.availablePermits());
  }

  @Override
  public String toString() {
    return "KafkaConsumer[" + name + ", " + lanes.size() + " share consumers]";
  }
}
