package dev.celeriac.broker.amqp;

import static dev.celeriac.broker.amqp.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.ConsumerOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A broker that cannot be reached fails publishes and subscriptions in bounded time. */
class UnreachableBrokerTest {
  private static final Duration BOUND = Duration.ofSeconds(2);

  @Test
  void publishToAPortNobodyListensOnFailsWithABrokerException() throws IOException {
    try (AmqpBroker broker = AmqpBroker.create(config(closedPort()))) {
      CompletableFuture<Void> published = broker.publish(message("nowhere", 1));

      assertFailsWithBrokerExceptionWithinBound(published, "cannot connect to RabbitMQ");
    }
  }

  @Test
  void publishToAServerThatAcceptsButNeverAnswersFailsWithinTheBound() throws IOException {
    // The kernel accepts connections to a listening socket's backlog; nobody ever answers them.
    try (var silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AmqpBroker broker = AmqpBroker.create(config(silent.getLocalPort()))) {
      CompletableFuture<Void> published = broker.publish(message("nowhere", 1));

      assertFailsWithBrokerExceptionWithinBound(published, "cannot connect to RabbitMQ");
    }
  }

  @Test
  void subscribingToAPortNobodyListensOnThrowsABrokerException() throws IOException {
    try (AmqpBroker broker = AmqpBroker.create(config(closedPort()))) {
      assertThatThrownBy(() -> broker.subscribe(Set.of("nowhere"), ConsumerOptions.defaults(1)))
          .isInstanceOf(BrokerException.class)
          .hasMessageContaining("127.0.0.1");
    }
  }

  @Test
  void publishAfterCloseFailsWithABrokerException() throws IOException {
    AmqpBroker broker = AmqpBroker.create(config(closedPort()));
    broker.close();

    assertFailsWithBrokerExceptionWithinBound(
        broker.publish(message("nowhere", 1)), "broker is closed");
  }

  private static void assertFailsWithBrokerExceptionWithinBound(
      CompletableFuture<Void> published, String message) {
    // Generous slack over the configured bound: the assertion is "never hangs", not a timing.
    assertThatThrownBy(() -> published.get(BOUND.toSeconds() + 30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(BrokerException.class)
        .hasMessageContaining(message);
    assertThat(published).isCompletedExceptionally();
  }

  private static AmqpBrokerConfig config(int port) {
    return AmqpBrokerConfig.builder(URI.create("amqp://guest:guest@127.0.0.1:" + port + "/%2f"))
        .connectTimeout(BOUND)
        .publishTimeout(BOUND)
        .build();
  }

  private static int closedPort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
