package dev.celeriac.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.ConsumerOptions;
import dev.celeriac.api.spi.Delivery;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.api.spi.QueueDepth;
import dev.celeriac.api.spi.QueueDepth.PartitionLag;
import dev.celeriac.api.spi.QueueInspector;
import dev.celeriac.embedded.KafkaEndpoint;
import dev.celeriac.embedded.junit.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 6: a Kafka queue's depth and per-partition lag for a share group, from the Admin client.
 */
@IntegrationTest
class KafkaQueueInspectorIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final int PARTITIONS = 3;
  private static final int PUBLISHED = 20;

  private KafkaBroker broker;
  private String queue;
  private String group;
  private final List<AutoCloseable> closeAfterTest = new ArrayList<>();

  @BeforeEach
  void setUp(KafkaEndpoint kafka) {
    broker =
        KafkaBroker.create(
            KafkaBrokerConfig.builder(kafka.bootstrapServers()).partitions(PARTITIONS).build());
    closeAfterTest.add(broker);
    queue = "depth-" + UUID.randomUUID().toString().substring(0, 13);
    group = "depth-group-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void closeEverything() throws Exception {
    for (AutoCloseable closeable : closeAfterTest.reversed()) {
      closeable.close();
    }
  }

  @Test
  void depthCountsWhatTheGroupHasNotAcknowledgedAndEachPartitionsLagAddsUpToIt() {
    for (int i = 0; i < PUBLISHED; i++) {
      await(broker.publish(message(i)));
    }
    QueueInspector inspector = broker.queueInspector(group);

    QueueDepth beforeAnyConsumer = inspector.queueDepth(queue).orElseThrow();
    assertThat(beforeAnyConsumer.messages()).isEqualTo(PUBLISHED);
    assertThat(beforeAnyConsumer.partitions())
        .extracting(PartitionLag::partition)
        .containsExactly(0, 1, 2);
    assertThat(beforeAnyConsumer.partitions())
        .allSatisfy(p -> assertThat(p.lag()).isEqualTo(p.endOffset() - p.startOffset()));
    assertThat(beforeAnyConsumer.partitions().stream().mapToLong(PartitionLag::endOffset).sum())
        .isEqualTo(PUBLISHED);
    assertThat(inspector.readyCount(queue)).hasValue(PUBLISHED);

    BrokerConsumer consumer =
        broker.subscribe(Set.of(queue), new ConsumerOptions(group, 30, Duration.ofSeconds(30)));
    closeAfterTest.add(consumer);
    List<Delivery> first = receive(consumer, 8);
    first.forEach(d -> await(d.ack()));

    QueueDepth afterSome = awaitDepth(inspector, PUBLISHED - 8);
    assertThat(afterSome.partitions().stream().mapToLong(PartitionLag::lag).sum())
        .isEqualTo(PUBLISHED - 8);
    assertThat(afterSome.partitions())
        .allSatisfy(p -> assertThat(p.lag()).isBetween(0L, p.endOffset() - p.startOffset()));

    receive(consumer, PUBLISHED - 8).forEach(d -> await(d.ack()));
    QueueDepth drained = awaitDepth(inspector, 0);
    assertThat(drained.partitions()).allSatisfy(p -> assertThat(p.lag()).isZero());
  }

  @Test
  void aQueueWithoutATopicHasNoDepth() {
    assertThat(broker.queueInspector(group).queueDepth(queue)).isEmpty();
    assertThat(broker.readyCount(queue)).isEmpty();
    assertThat(broker.queueDepth("no spaces allowed")).isEmpty();
  }

  private QueueDepth awaitDepth(QueueInspector inspector, long expected) {
    return Awaitility.await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> inspector.queueDepth(queue).orElseThrow(), d -> d.messages() == expected);
  }

  private List<Delivery> receive(BrokerConsumer consumer, int count) {
    List<Delivery> received = new ArrayList<>();
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (received.size() < count && System.nanoTime() < deadline) {
      received.addAll(consumer.poll(count - received.size(), Duration.ofMillis(500)));
    }
    assertThat(received).as("deliveries received within %s", PATIENCE).hasSize(count);
    return received;
  }

  private OutboundMessage message(int n) {
    return new OutboundMessage(
        queue,
        TaskId.generate(),
        "it.task",
        0,
        ("m" + n).getBytes(StandardCharsets.UTF_8),
        Map.of());
  }

  private static void await(CompletableFuture<?> future) {
    try {
      future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("broker operation did not complete: " + e, e);
    }
  }
}
