package dev.celeriac.broker.amqp;

import static dev.celeriac.broker.amqp.Messages.await;
import static dev.celeriac.broker.amqp.Messages.message;
import static dev.celeriac.broker.amqp.Messages.receive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.ConsumerOptions;
import dev.celeriac.api.spi.Delivery;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.embedded.junit.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server closes the broker's connections mid-stream (as {@code rabbitmqctl
 * close_all_connections} or a broker restart would; only this test's connections, by name, so other
 * users of the shared server are not disturbed): consuming and publishing resume, and no message is
 * lost.
 */
@IntegrationTest
class ConnectionRecoveryIT {
  private final RabbitAdmin admin = new RabbitAdmin();
  private final String queue = admin.newQueue("recovery");
  private final AmqpBrokerConfig config = admin.config().build();
  private final AmqpBroker broker = AmqpBroker.create(config);

  @AfterEach
  void cleanUp() throws Exception {
    broker.close();
    admin.close();
  }

  @Test
  void afterTheServerClosesTheConnectionsConsumingAndPublishingResumeAndNothingIsLost()
      throws Exception {
    BrokerConsumer consumer = broker.subscribe(Set.of(queue), ConsumerOptions.defaults(20));
    Set<TaskId> published = new HashSet<>(publish(100, 0));
    Set<TaskId> acked = new HashSet<>();
    List<Delivery> heldWhenTheConnectionDrops = new ArrayList<>();
    long deadline = System.nanoTime() + Messages.PATIENCE.toNanos();
    while (heldWhenTheConnectionDrops.size() + acked.size() < 50 && System.nanoTime() < deadline) {
      for (Delivery delivery : consumer.poll(10, Duration.ofMillis(500))) {
        if (heldWhenTheConnectionDrops.size() < 10) {
          heldWhenTheConnectionDrops.add(delivery);
        } else {
          await(delivery.ack());
          acked.add(delivery.taskId());
        }
      }
    }
    assertThat(heldWhenTheConnectionDrops).hasSize(10);

    assertThat(admin.closeConnections(config.connectionName())).isEqualTo(2);
    published.addAll(publish(100, 100));
    drainInto(consumer, acked, published);

    assertThat(acked).containsExactlyInAnyOrderElementsOf(published).hasSize(200);
    for (Delivery stale : heldWhenTheConnectionDrops) {
      assertThatThrownBy(() -> stale.ack().get(60, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(StaleDeliveryException.class)
          .hasMessageContaining("deliver it again");
    }
    consumer.close();
  }

  @Test
  void deliveryReceivedBeforeTheConnectionWasLostIsDeliveredAgainAndTheOldOneCannotBeSettled()
      throws Exception {
    OutboundMessage sent = message(queue, 1);
    await(broker.publish(sent));
    BrokerConsumer consumer = broker.subscribe(Set.of(queue), ConsumerOptions.defaults(5));
    Delivery before = receive(consumer, 1).getFirst();

    admin.closeConnections(config.connectionName());
    Delivery again = receive(consumer, 1).getFirst();

    assertThat(again.taskId()).isEqualTo(sent.id());
    assertThat(again.deliveryCount()).isEqualTo(2);
    assertThatThrownBy(() -> before.release().get(60, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(StaleDeliveryException.class);
    await(again.ack());
    assertThat(consumer.poll(10, Duration.ofSeconds(1))).isEmpty();
    consumer.close();
  }

  /** Publishes {@code count} messages at once and waits for every confirm. */
  private List<TaskId> publish(int count, int first) {
    List<OutboundMessage> messages = new ArrayList<>();
    List<CompletableFuture<Void>> confirms = new ArrayList<>();
    for (int i = first; i < first + count; i++) {
      OutboundMessage m = message(queue, i);
      messages.add(m);
      confirms.add(broker.publish(m));
    }
    await(CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new)));
    return messages.stream().map(OutboundMessage::id).toList();
  }

  /** Acks deliveries until every published id was acked; stale ones come again and are skipped. */
  private static void drainInto(BrokerConsumer consumer, Set<TaskId> acked, Set<TaskId> published) {
    long deadline = System.nanoTime() + Messages.PATIENCE.toNanos();
    while (!acked.containsAll(published) && System.nanoTime() < deadline) {
      for (Delivery delivery : consumer.poll(50, Duration.ofMillis(500))) {
        try {
          delivery.ack().get(60, TimeUnit.SECONDS);
          acked.add(delivery.taskId());
        } catch (ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(StaleDeliveryException.class);
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }
    }
  }
}
