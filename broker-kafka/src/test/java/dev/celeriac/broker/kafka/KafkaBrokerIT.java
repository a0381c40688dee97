package dev.celeriac.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.ConsumerOptions;
import dev.celeriac.api.spi.Delivery;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.embedded.KafkaEndpoint;
import dev.celeriac.embedded.junit.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the Kafka broker promises beyond the shared contract: topics, group settings, locks. */
@IntegrationTest
class KafkaBrokerIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final List<AutoCloseable> closeAfterTest = new ArrayList<>();
  private KafkaEndpoint kafka;
  private String queue;
  private String group;

  @BeforeEach
  void names(KafkaEndpoint kafka) {
    this.kafka = kafka;
    queue = "it-" + UUID.randomUUID().toString().substring(0, 13);
    group = "it-group-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void closeEverything() throws Exception {
    for (AutoCloseable closeable : closeAfterTest.reversed()) {
      closeable.close();
    }
  }

  @Test
  void firstPublishToAQueueCreatesItsTopicWithTheConfiguredPartitions() throws Exception {
    KafkaBroker broker = broker(KafkaBrokerConfig.builder(kafka.bootstrapServers()).partitions(2));

    await(broker.publish(message(queue, 0)));

    assertThat(partitionsOf("celeriac." + queue)).isEqualTo(2);
  }

  @Test
  void existingTopicIsUsedAsItIs() throws Exception {
    try (Admin admin = Admin.create(kafka.clientConfig())) {
      admin
          .createTopics(List.of(new NewTopic("celeriac." + queue, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    KafkaBroker broker = broker(KafkaBrokerConfig.builder(kafka.bootstrapServers()).partitions(5));

    OutboundMessage sent = message(queue, 0);
    await(broker.publish(sent));
    Delivery delivery = receive(consumer(broker, options(30)), 1).getFirst();

    assertThat(delivery.taskId()).isEqualTo(sent.id());
    assertThat(partitionsOf("celeriac." + queue)).isEqualTo(1);
    await(delivery.ack());
  }

  @Test
  void messagesAreSpreadEvenlyOverThePartitions() throws Exception {
    KafkaBroker broker = broker(KafkaBrokerConfig.builder(kafka.bootstrapServers()).partitions(4));
    await(broker.publish(message(queue, 0)));
    List<CompletableFuture<Void>> published = new ArrayList<>();
    for (int i = 1; i < 400; i++) {
      published.add(broker.publish(message(queue, i)));
    }
    published.forEach(KafkaBrokerIT::await);

    assertThat(recordsPerPartition("celeriac." + queue)).containsOnly(100L);
  }

  @Test
  void priorityTravelsAsARecordHeader() {
    KafkaBroker broker = broker(KafkaBrokerConfig.builder(kafka.bootstrapServers()));
    var sent = new OutboundMessage(queue, TaskId.generate(), "t", 7, bytes("x"), Map.of());

    await(broker.publish(sent));
    Delivery delivery = receive(consumer(broker, options(30)), 1).getFirst();

    assertThat(delivery.headers()).containsEntry(KafkaBroker.PRIORITY_HEADER, "7");
    await(delivery.ack());
  }

  @Test
  void subscribingSetsTheShareGroupToStartEarlyWithTheLockAndTheBrokersDeliveryLimit()
      throws Exception {
    KafkaBroker broker = broker(KafkaBrokerConfig.builder(kafka.bootstrapServers()));
    consumer(broker, new ConsumerOptions(group, 10, Duration.ofSeconds(7)));

    Map<String, String> config = groupConfig(group);
    assertThat(config)
        .containsEntry("share.auto.offset.reset", "earliest")
        .containsEntry("share.record.lock.duration.ms", "7000")
        .containsEntry("share.delivery.count.limit", "10")
        .containsEntry("share.partition.max.record.locks", "4000");

    String longGroup = group + "-long";
    consumer(broker, new ConsumerOptions(longGroup, 10, Duration.ofMinutes(10)));
    assertThat(groupConfig(longGroup)).containsEntry("share.record.lock.duration.ms", "60000");
  }

  @Test
  void releasedRecordComesBackWithDeliveryCountTwo() {
    KafkaBroker broker = broker(KafkaBrokerConfig.builder(kafka.bootstrapServers()));
    OutboundMessage sent = message(queue, 1);
    await(broker.publish(sent));
    BrokerConsumer consumer = consumer(broker, options(30));

    Delivery first = receive(consumer, 1).getFirst();
    assertThat(first.deliveryCount()).isEqualTo(1);
    await(first.release());
    Delivery again = receive(consumer, 1).getFirst();

    assertThat(again.taskId()).isEqualTo(sent.id());
    assertThat(again.deliveryCount()).isEqualTo(2);
    await(again.ack());
  }

  @Test
  void recordWhoseLockExpiredIsDeliveredAgainAndTheLateAckFails() {
    KafkaBroker broker = broker(KafkaBrokerConfig.builder(kafka.bootstrapServers()));
    OutboundMessage sent = message(queue, 1);
    await(broker.publish(sent));
    ConsumerOptions shortLock = new ConsumerOptions(group, 10, Duration.ofSeconds(2));
    BrokerConsumer first = consumer(broker, shortLock);
    Delivery stuck = receive(first, 1).getFirst();
    BrokerConsumer second = consumer(broker, shortLock);

    // Both keep polling, as running workers do while one of their tasks is stuck; a consumer that
    // is never polled again would keep acquiring the record for deliveries nobody takes.
    Delivery redelivered = receiveFromEither(first, second);

    assertThat(redelivered.taskId()).isEqualTo(sent.id());
    assertThat(redelivered.deliveryCount()).isGreaterThanOrEqualTo(2);
    Throwable lateAck = catchThrowable(() -> stuck.ack().get(60, TimeUnit.SECONDS));
    assertThat(lateAck).isInstanceOf(ExecutionException.class);
    assertThat(lateAck.getCause()).isInstanceOf(BrokerException.class);
    await(redelivered.ack());
  }

  @Test
  void slowTasksHoldingManyDeliveriesDoNotStopTheOtherMessages() {
    KafkaBroker broker = broker(KafkaBrokerConfig.builder(kafka.bootstrapServers()));
    for (int i = 0; i < 20; i++) {
      await(broker.publish(message(queue, i)));
    }
    BrokerConsumer consumer = consumer(broker, options(100));
    // Twenty "slow tasks": delivered, still running, not settled for the rest of the test.
    List<Delivery> slow = receive(consumer, 20);

    Set<TaskId> later = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      OutboundMessage message = message(queue, 100 + i);
      later.add(message.id());
      await(broker.publish(message));
    }
    // Fast tasks: each is done (acknowledged) as soon as it arrives, as a worker would.
    List<TaskId> fast = new ArrayList<>();
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (fast.size() < later.size() && System.nanoTime() < deadline) {
      for (Delivery delivery : consumer.poll(10, Duration.ofMillis(500))) {
        await(delivery.ack());
        fast.add(delivery.taskId());
      }
    }

    assertThat(fast).containsExactlyInAnyOrderElementsOf(later);
    slow.forEach(d -> await(d.ack()));
  }

  @Test
  void publishAfterCloseFailsWithABrokerException() {
    KafkaBroker broker = broker(KafkaBrokerConfig.builder(kafka.bootstrapServers()));
    broker.close();

    Throwable failure =
        catchThrowable(() -> broker.publish(message(queue, 1)).get(60, TimeUnit.SECONDS));

    assertThat(failure).isInstanceOf(ExecutionException.class);
    assertThat(failure.getCause())
        .isInstanceOf(BrokerException.class)
        .hasMessageContaining("closed");
  }

  private KafkaBroker broker(KafkaBrokerConfig.Builder builder) {
    KafkaBroker broker = KafkaBroker.create(builder.build());
    closeAfterTest.add(broker);
    return broker;
  }

  private BrokerConsumer consumer(KafkaBroker broker, ConsumerOptions options) {
    BrokerConsumer consumer = broker.subscribe(Set.of(queue), options);
    closeAfterTest.add(consumer);
    return consumer;
  }

  private ConsumerOptions options(int prefetch) {
    return new ConsumerOptions(group, prefetch, Duration.ofSeconds(30));
  }

  private static List<Delivery> receive(BrokerConsumer consumer, int count) {
    List<Delivery> received = new ArrayList<>();
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (received.size() < count && System.nanoTime() < deadline) {
      received.addAll(consumer.poll(count - received.size(), Duration.ofMillis(500)));
    }
    assertThat(received).as("deliveries received within %s", PATIENCE).hasSize(count);
    return received;
  }

  private static Delivery receiveFromEither(BrokerConsumer one, BrokerConsumer other) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      for (BrokerConsumer consumer : List.of(one, other)) {
        List<Delivery> received = consumer.poll(1, Duration.ofMillis(250));
        if (!received.isEmpty()) {
          return received.getFirst();
        }
      }
    }
    throw new AssertionError("no delivery within " + PATIENCE);
  }

  private int partitionsOf(String topic) throws Exception {
    try (Admin admin = Admin.create(kafka.clientConfig())) {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .get(topic)
          .partitions()
          .size();
    }
  }

  private List<Long> recordsPerPartition(String topic) throws Exception {
    try (Admin admin = Admin.create(kafka.clientConfig())) {
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      for (int p = 0; p < partitionsOf(topic); p++) {
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
          .map(ListOffsetsResult.ListOffsetsResultInfo::offset)
          .toList();
    }
  }

  private Map<String, String> groupConfig(String name) throws Exception {
    var resource = new ConfigResource(ConfigResource.Type.GROUP, name);
    try (Admin admin = Admin.create(kafka.clientConfig())) {
      var config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS);
      Map<String, String> values = new java.util.HashMap<>();
      config.get(resource).entries().forEach(e -> values.put(e.name(), e.value()));
      return values;
    }
  }

  private static OutboundMessage message(String queue, int n) {
    return new OutboundMessage(queue, TaskId.generate(), "it.task", 0, bytes("m" + n), Map.of());
  }

  private static void await(CompletableFuture<?> future) {
    try {
      future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("broker operation did not complete: " + e, e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
