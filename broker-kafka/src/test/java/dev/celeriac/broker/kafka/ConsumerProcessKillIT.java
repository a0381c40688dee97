package dev.celeriac.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.ConsumerOptions;
import dev.celeriac.api.spi.Delivery;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.embedded.KafkaEndpoint;
import dev.celeriac.embedded.junit.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker process that dies without closing (SIGKILL) loses its deliveries, and another consumer
 * receives them: when their acquisition locks expire at the latest, and sooner when the broker sees
 * the dead process's connections close (as it does here, on one machine).
 */
@IntegrationTest
class ConsumerProcessKillIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Duration LOCK = Duration.ofSeconds(5);

  @Test
  void deliveriesOfAConsumerProcessKilledWithoutClosingGoToAnotherConsumer(
      KafkaEndpoint kafka, @TempDir Path dir) throws Exception {
    String queue = "kill-" + UUID.randomUUID().toString().substring(0, 13);
    String group = "kill-group-" + UUID.randomUUID().toString().substring(0, 8);
    // One partition, shared by every member of the group: Kafka keeps a killed member's partitions
    // assigned to it until its session times out (45 s), and this test is about the locks.
    try (Admin admin = Admin.create(kafka.clientConfig())) {
      admin
          .createTopics(List.of(new NewTopic("celeriac." + queue, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    List<String> published = new ArrayList<>();
    try (var broker =
        KafkaBroker.create(KafkaBrokerConfig.builder(kafka.bootstrapServers()).build())) {
      for (int i = 0; i < 5; i++) {
        var message =
            new OutboundMessage(
                queue,
                TaskId.generate(),
                "t",
                0,
                ("m" + i).getBytes(StandardCharsets.UTF_8),
                Map.of());
        broker.publish(message).get(60, TimeUnit.SECONDS);
        published.add(message.id().toString());
      }

      Path held = dir.resolve("held.txt");
      Path childLog = dir.resolve("child.log");
      Process child = startChild(kafka, queue, group, held, childLog);
      try {
        try {
          await().atMost(PATIENCE).until(() -> Files.exists(held) || !child.isAlive());
        } catch (ConditionTimeoutException e) {
          // Reported below, with the child's output.
        }
        assertThat(held)
            .as("the child's list of held deliveries; its output:%n%s", output(childLog))
            .exists();
        assertThat(Files.readAllLines(held)).containsExactlyInAnyOrderElementsOf(published);
      } finally {
        child.destroyForcibly();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      }

      BrokerConsumer survivor =
          broker.subscribe(Set.of(queue), new ConsumerOptions(group, 10, LOCK));
      List<Delivery> redelivered = new ArrayList<>();
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (redelivered.size() < 5 && System.nanoTime() < deadline) {
        for (Delivery delivery : survivor.poll(5, Duration.ofMillis(500))) {
          delivery.ack().get(60, TimeUnit.SECONDS);
          redelivered.add(delivery);
        }
      }
      survivor.close();

      assertThat(redelivered)
          .extracting(d -> String.valueOf(d.taskId()))
          .containsExactlyInAnyOrderElementsOf(published);
      // At least 2, not exactly: a dead consumer's fetch still pending on the broker can acquire
      // a released record once more before the broker notices that connection dropped too.
      assertThat(redelivered)
          .allSatisfy(d -> assertThat(d.deliveryCount()).isGreaterThanOrEqualTo(2));
    }
  }

  private static String output(Path log) throws java.io.IOException {
    return Files.exists(log) ? Files.readString(log) : "(none)";
  }

  private static Process startChild(
      KafkaEndpoint kafka, String queue, String group, Path held, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xmx128m",
            "-cp",
            System.getProperty("java.class.path"),
            ConsumerThatHoldsItsDeliveries.class.getName(),
            kafka.bootstrapServers(),
            queue,
            group,
            "5",
            Long.toString(LOCK.toMillis()),
            held.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
