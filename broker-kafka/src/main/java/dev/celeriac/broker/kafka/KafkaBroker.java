package dev.celeriac.broker.kafka;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.ConsumerOptions;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.api.spi.QueueDepth;
import dev.celeriac.api.spi.QueueInspector;
import dev.celeriac.broker.kafka.internal.ClientConfigs;
import dev.celeriac.broker.kafka.internal.KafkaPublisher;
import dev.celeriac.broker.kafka.internal.KafkaQueueInspector;
import dev.celeriac.broker.kafka.internal.MessageHeaders;
import dev.celeriac.broker.kafka.internal.ShareGroupConfigurer;
import dev.celeriac.broker.kafka.internal.ShareSubscription;
import dev.celeriac.broker.kafka.internal.SubscriptionSizing;
import dev.celeriac.broker.kafka.internal.TopicNames;
import dev.celeriac.broker.kafka.internal.TopicProvisioner;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Broker} on Apache Kafka (4.2 or newer, with share groups).
 *
 * <h2>Topics and publishing</h2>
 *
 * <p>Each queue is one topic, {@code <prefix><queue>} ({@code celeriac.emails} by default). On a
 * queue's first use the broker creates its topic through the Admin client with the configured
 * partitions and replication factor; an existing topic is used as it is. One idempotent producer
 * with {@code acks=all} and a short linger (5 ms) serves every publish, sending messages to a
 * topic's partitions in turn so their backlogs stay even; the future completes when all in-sync
 * replicas have the record. The task id, task name and priority are repeated as the headers {@value
 * OutboundMessage#ID_HEADER}, {@value OutboundMessage#TASK_HEADER} and {@value #PRIORITY_HEADER};
 * Kafka has no priorities, so the priority is carried but not acted on. Every wait of a publish is
 * bounded by {@link KafkaBrokerConfig#publishTimeout()}: with Kafka down the future fails with a
 * {@link BrokerException} after about that time (at most twice it, when Kafka goes down between
 * creating a new queue's topic and sending to it), never hangs and never drops the message
 * silently. {@code publish} itself may block within that bound on a queue's first use (topic
 * creation) or while the producer waits for metadata or buffer space.
 *
 * <h2>Consuming through share groups</h2>
 *
 * <p>{@link #subscribe} first sets the group's configuration through the Admin client: {@code
 * share.auto.offset.reset=earliest}, {@code share.record.lock.duration.ms} from {@link
 * ConsumerOptions#lockDuration()} (clamped to the broker's {@code
 * group.share.min/max.record.lock.duration.ms}, with a warning), and {@code
 * share.delivery.count.limit} at the broker's maximum, so the worker, not Kafka, decides when a
 * message that keeps failing is dead, and {@code share.partition.max.record.locks} at the broker's
 * maximum ({@code group.share.max.partition.max.record.locks}, 4,000 by default; a warning says
 * when the partitions times that are fewer records than the prefetch). Acknowledgement is explicit
 * and per record: {@code ack} is {@code ACCEPT}, {@code release} is {@code RELEASE}, {@code reject}
 * is {@code REJECT}; {@link dev.celeriac.api.spi.Delivery#deliveryCount()} is the broker's count.
 * Kafka archives a rejected record: no consumer of the group receives it again (this broker
 * configures no dead-letter topic; the worker records the dead task in the store before it
 * rejects). A settlement's future completes when Kafka committed the acknowledgement, and fails
 * with a {@link BrokerException} otherwise (for example when the lock had expired and the record
 * went to another consumer).
 *
 * <p>A {@code KafkaShareConsumer} is single-threaded, and in explicit mode it will not poll again
 * while any record of its previous poll is unacknowledged, while the worker settles deliveries on
 * other threads and keeps many in flight. So one subscription runs a pool of share consumers, each
 * owned by its own platform thread. A subscription starts {@link
 * KafkaBrokerConfig#consumersPerSubscription()} share consumers (4) or twice the partitions of its
 * topics, whichever is more, rounded up to a multiple of the partitions: Kafka's assignor then
 * gives every partition the same number of members, at least two, so a share consumer held up by a
 * slow task does not stall a partition (with fewer members it may leave a partition with one). A
 * thread fetches a batch (the prefetch divided by the first share consumers, at most {@link
 * KafkaBrokerConfig#recordsPerFetch()}, or more when even the largest pool could not hold the
 * prefetch with that: then the prefetch divided by the first share consumers, at most 5,000 and at
 * most their share of the group's record locks on a partition), hands the records to a queue that
 * {@link BrokerConsumer#poll} drains (never more than asked for), applies and commits the
 * settlements queued for them, and fetches again once its whole batch is settled. All share
 * consumers of a subscription together hold at most {@link ConsumerOptions#prefetch()} unsettled
 * records: before a share consumer polls it takes a permit for each record it may acquire, and
 * keeps them through empty polls (Kafka's client goes on fetching after an empty poll until records
 * come, and buffers what it acquired for the next poll). Whenever a poll finds nothing ready while
 * one of them is held up by an unsettled record, the subscription opens another (at most one per
 * 100 ms), up to {@link KafkaBrokerConfig#maxConsumersPerSubscription()} (32) and never more than
 * the prefetch divided by the batch size, so that every share consumer can always reserve a whole
 * batch (with more, those waiting on drained partitions could keep every permit while the records
 * of another partition wait). Closing the consumer first stops every share consumer from fetching,
 * then releases every record it has not settled, so another consumer receives it at once with its
 * delivery count one higher; a process that dies without closing loses its records' locks when they
 * expire.
 *
 * <h2>Limits</h2>
 *
 * <ul>
 *   <li>A share consumer held up by a slow task fetches nothing until its batch is settled (in
 *       explicit mode Kafka's client refuses to poll while a record of the last poll is
 *       unacknowledged). So records flow past slow tasks only while some member of each partition
 *       is free. A subscription starts at least two share consumers per partition and grows its
 *       pool while permits are free; if {@link KafkaBrokerConfig#maxConsumersPerSubscription()} is
 *       below twice the partitions, it logs a warning. For workloads with many long tasks at once,
 *       raise it or use fewer partitions (a share group reads one partition with many consumers at
 *       once). A new share consumer receives records only after it joined the group (a few
 *       heartbeats), and a pool does not shrink until the consumer is closed.
 *   <li>To hold its whole prefetch at once, a subscription needs its share consumers times their
 *       batch size to reach the prefetch; with the defaults (4 consumers, at least twice the
 *       partitions, 100 records each, growing to 32) a prefetch above 3,200 raises the batch size
 *       to the prefetch divided by the first share consumers (at most 5,000 and at most their share
 *       of {@code share.partition.max.record.locks}): on 3 partitions at concurrency 10,000, 6
 *       share consumers of 1,666 records. Such a pool does not grow (each consumer must be able to
 *       reserve its whole batch), so a batch held up by one slow task leaves its partition to the
 *       other share consumer; raise {@link KafkaBrokerConfig#consumersPerSubscription()} for
 *       smaller batches.
 *   <li>A member that dies without leaving keeps its partitions until its session times out on the
 *       broker ({@code group.share.session.timeout.ms}, 45 s by default); records of a partition it
 *       was alone on wait that long even after their locks expired.
 *   <li>Acquisition locks are not renewed. The lock is {@link ConsumerOptions#lockDuration()},
 *       which the worker derives from its longest task timeout; the broker caps it ({@code
 *       group.share.max.record.lock.duration.ms}, 60 s by default), so tasks that may run longer
 *       need that broker setting raised. {@code AcknowledgeType.RENEW} is deliberately not used: in
 *       Kafka 4.4 a renewed record counts as acknowledged for the poll gate but the next {@code
 *       poll()} hands it back again (KAFKA-20458), so renewing does not let a held share consumer
 *       fetch new work, and the fetch that poll starts acquires records it may not be able to hand
 *       on until their lock expires, which raises their delivery count toward the limit at which
 *       Kafka archives them.
 *   <li>When a lock expires before the task settles, the record goes to another consumer with a
 *       higher delivery count, and the late settlement's future fails. A record that waited in the
 *       hand-off queue for more than half its lock is released instead of handed out; so is every
 *       record in it when the consumer closes. Either raises the record's delivery count.
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} closes every consumer it opened, then the producer and admin
 * client.
 */
public final class KafkaBroker implements Broker, QueueInspector {
  /** The record header that repeats the message priority, 0-9. */
  public static final String PRIORITY_HEADER = MessageHeaders.PRIORITY_HEADER;

  private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

  private final KafkaBrokerConfig config;
  private final TopicNames names;
  private final Admin admin;
  private final TopicProvisioner topics;
  private final ShareGroupConfigurer groups;
  private final KafkaPublisher publisher;
  private final QueueInspector depths;
  private final Set<ShareSubscription> subscriptions = ConcurrentHashMap.newKeySet();
  private final AtomicInteger subscriptionCount = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();

  private KafkaBroker(KafkaBrokerConfig config) {
    this.config = config;
    this.names = new TopicNames(config.topicPrefix());
    this.admin = Admin.create(ClientConfigs.admin(config));
    try {
      this.topics =
          new TopicProvisioner(
              admin, config.partitions(), config.replicationFactor(), config.publishTimeout());
      this.groups = new ShareGroupConfigurer(admin, config.publishTimeout());
      var producer =
          new KafkaProducer<>(
              ClientConfigs.producer(config), new ByteArraySerializer(), new ByteArraySerializer());
      this.publisher = new KafkaPublisher(producer, names, topics, config.closeTimeout());
      this.depths = queueInspector(ConsumerOptions.DEFAULT_GROUP);
    } catch (KafkaException e) {
      admin.close();
      throw e;
    }
  }

  /**
   * A broker for the cluster {@code config} names. Creates its clients but does not connect until
   * first used.
   *
   * @throws org.apache.kafka.common.KafkaException if the client properties are invalid
   */
  public static KafkaBroker create(KafkaBrokerConfig config) {
    return new KafkaBroker(requireNonNull(config, "config"));
  }

  /** The configuration this broker runs with. */
  public KafkaBrokerConfig config() {
    return config;
  }

  /**
   * {@inheritDoc}
   *
   * <p>After {@link #close()} the future fails with a {@link BrokerException}.
   *
   * @throws NullPointerException if {@code message} is null
   */
  @Override
  public CompletableFuture<Void> publish(OutboundMessage message) {
    requireNonNull(message, "message");
    if (closed.get()) {
      return CompletableFuture.failedFuture(
          new BrokerException("the Kafka broker is closed; cannot publish to " + message.queue()));
    }
    return publisher.publish(message);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Creates missing topics and configures the share group before the first share consumer joins;
   * blocks for those Admin calls, each bounded by the publish timeout.
   *
   * @throws IllegalArgumentException if {@code queues} is empty or a name makes no Kafka topic
   * @throws IllegalStateException if the broker is closed
   * @throws BrokerException if Kafka cannot be reached or refuses the topics or group settings
   */
  @Override
  public BrokerConsumer subscribe(Set<String> queues, ConsumerOptions options) {
    requireNonNull(options, "options");
    if (requireNonNull(queues, "queues").isEmpty()) {
      throw new IllegalArgumentException("subscribe to at least one queue");
    }
    if (closed.get()) {
      throw new IllegalStateException("the Kafka broker is closed");
    }
    Set<String> topicNames = new LinkedHashSet<>();
    for (String queue : queues) {
      topicNames.add(names.topicOf(queue));
    }
    topicNames.forEach(topics::ensure);
    long lockMs = groups.configure(options.group(), options.lockDuration());
    int partitions = topics.partitionsOf(topicNames);
    var sizing =
        SubscriptionSizing.of(
            options.prefetch(),
            config.recordsPerFetch(),
            config.consumersPerSubscription(),
            config.maxConsumersPerSubscription(),
            partitions,
            groups.partitionRecordLocks());
    warnAboutLimits(options, topicNames, partitions, sizing);
    var subscription =
        new ShareSubscription(
            "celeriac-kafka-" + options.group() + "-" + subscriptionCount.incrementAndGet(),
            topicNames,
            names,
            () -> newShareConsumer(options.group(), sizing.recordsPerFetch(), lockMs),
            sizing,
            Duration.ofMillis(lockMs),
            config.closeTimeout());
    subscriptions.removeIf(ShareSubscription::isClosed);
    subscriptions.add(subscription);
    if (closed.get()) {
      subscription.close();
      throw new IllegalStateException("the Kafka broker is closed");
    }
    return subscription;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Records of the queue's topic not yet acknowledged by the default share group ({@value
   * ConsumerOptions#DEFAULT_GROUP}), so delivered records in flight count as well; {@link
   * #queueInspector} asks about another group.
   *
   * @throws BrokerException if Kafka does not answer within the publish timeout
   */
  @Override
  public OptionalLong readyCount(String queue) {
    return depths.readyCount(requireNonNull(queue, "queue"));
  }

  /**
   * {@inheritDoc}
   *
   * <p>For the default share group, with each partition's share-partition start offset, end offset
   * and lag.
   *
   * @throws BrokerException if Kafka does not answer within the publish timeout
   */
  @Override
  public Optional<QueueDepth> queueDepth(String queue) {
    return depths.queueDepth(requireNonNull(queue, "queue"));
  }

  /**
   * Depth and lag of this broker's queues as the share group {@code group} sees them (workers that
   * set {@code WorkerConfig.consumerGroup}). Uses this broker's Admin client; each answer makes
   * four Admin calls, each bounded by the publish timeout.
   */
  public QueueInspector queueInspector(String group) {
    return new KafkaQueueInspector(
        admin, names, requireNonNull(group, "group"), config.publishTimeout());
  }

  private void warnAboutLimits(
      ConsumerOptions options, Set<String> topicNames, int partitions, SubscriptionSizing sizing) {
    if (!sizing.sharesEveryPartition(partitions) && sizing.consumers() < options.prefetch()) {
      log.warn(
          "{} have {} partitions but a subscription starts {} share consumers (at most"
              + " maxConsumersPerSubscription or the prefetch), not a multiple of at least twice"
              + " the partitions: Kafka may leave a partition with one share consumer, which gets"
              + " no records for it while it waits for a slow task",
          topicNames,
          partitions,
          sizing.consumers());
    }
    long holdable = (long) partitions * groups.partitionRecordLocks();
    if (options.prefetch() > holdable) {
      log.warn(
          "share group {} may hold at most {} records of each partition of {} at once (broker"
              + " setting group.share.max.partition.max.record.locks), {} in all, less than the"
              + " prefetch {}: raise that broker setting or add partitions",
          options.group(),
          groups.partitionRecordLocks(),
          topicNames,
          holdable,
          options.prefetch());
    }
  }

  private KafkaShareConsumer<byte[], byte[]> newShareConsumer(
      String group, int recordsPerFetch, long lockMs) {
    return new KafkaShareConsumer<>(
        ClientConfigs.shareConsumer(config, group, recordsPerFetch, lockMs),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  /**
   * Closes every consumer this broker opened (their unsettled records go back to their queues),
   * sends what the producer has buffered (waiting at most the close timeout), and closes the
   * clients. Idempotent, and safe before any other call.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    subscriptions.forEach(ShareSubscription::close);
    subscriptions.clear();
    publisher.close();
    admin.close(config.closeTimeout());
  }
}
