package dev.celeriac.broker.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.Delivery;
import dev.celeriac.api.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Test messages and waiting helpers shared by the RabbitMQ broker's tests. */
final class Messages {
  /** The upper bound of any wait in these tests; generous for a loaded machine. */
  static final Duration PATIENCE = Duration.ofSeconds(60);

  private Messages() {}

  /** A message to {@code queue} with priority 0 and a body naming {@code n}. */
  static OutboundMessage message(String queue, int n) {
    return aMessage(queue, n, 0);
  }

  /** A message to {@code queue} with {@code priority} and a body naming {@code n}. */
  static OutboundMessage aMessage(String queue, int n, int priority) {
    return new OutboundMessage(
        queue,
        TaskId.generate(),
        "amqp.test",
        priority,
        ("message " + n).getBytes(StandardCharsets.UTF_8),
        Map.of());
  }

  /** Waits for {@code future}, failing the test if it fails or takes longer than the patience. */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("operation did not complete: " + e, e);
    }
  }

  /** Polls {@code consumer} until {@code count} deliveries arrived, within the patience. */
  static List<Delivery> receive(BrokerConsumer consumer, int count) {
    List<Delivery> received = new ArrayList<>();
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (received.size() < count && System.nanoTime() < deadline) {
      received.addAll(consumer.poll(count - received.size(), Duration.ofMillis(500)));
    }
    assertThat(received).as("deliveries received within %s", PATIENCE).hasSize(count);
    return received;
  }
}
