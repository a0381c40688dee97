package dev.celeriac.broker.amqp;

import static dev.celeriac.broker.amqp.Messages.await;
import static dev.celeriac.broker.amqp.Messages.message;
import static dev.celeriac.broker.amqp.Messages.receive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.ConsumerOptions;
import dev.celeriac.api.spi.Delivery;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.broker.amqp.internal.QueueArguments;
import dev.celeriac.embedded.junit.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Messages that cannot run end in {@code <queue>.dead}, with RabbitMQ's reason. */
@IntegrationTest
class DeadLetteringIT {
  private final RabbitAdmin admin = new RabbitAdmin();
  private final String queue = admin.newQueue("dead-lettering");
  private final AmqpBroker broker = AmqpBroker.create(admin.config().deliveryLimit(2).build());

  @AfterEach
  void cleanUp() throws Exception {
    broker.close();
    admin.close();
  }

  @Test
  void messageReleasedMoreOftenThanTheDeliveryLimitIsDeadLetteredWithReasonDeliveryLimit() {
    OutboundMessage sent = message(queue, 1);
    await(broker.publish(sent));
    BrokerConsumer consumer = broker.subscribe(Set.of(queue), ConsumerOptions.defaults(10));
    List<Integer> deliveryCounts = new ArrayList<>();

    // A limit of 2 allows the first delivery and two more; the third release dead-letters it.
    for (int i = 0; i < 3; i++) {
      Delivery delivery = receive(consumer, 1).getFirst();
      deliveryCounts.add(delivery.deliveryCount());
      await(delivery.release());
    }

    GetResponse dead = awaitDeadLetter();
    assertThat(deliveryCounts).containsExactly(1, 2, 3);
    assertThat(dead.getBody()).isEqualTo(sent.body());
    assertThat(String.valueOf(dead.getProps().getHeaders().get(OutboundMessage.ID_HEADER)))
        .isEqualTo(sent.id().toString());
    assertThat(deathReason(dead)).isEqualTo("delivery_limit");
    assertThat(consumer.poll(10, Duration.ofSeconds(1))).isEmpty();
    consumer.close();
  }

  @Test
  void rejectedMessageIsDeadLetteredWithReasonRejected() {
    OutboundMessage sent = message(queue, 1);
    await(broker.publish(sent));
    BrokerConsumer consumer = broker.subscribe(Set.of(queue), ConsumerOptions.defaults(10));

    await(receive(consumer, 1).getFirst().reject());

    GetResponse dead = awaitDeadLetter();
    assertThat(dead.getBody()).isEqualTo(sent.body());
    assertThat(deathReason(dead)).isEqualTo("rejected");
    consumer.close();
  }

  private GetResponse awaitDeadLetter() {
    AtomicReference<GetResponse> taken = new AtomicReference<>();
    await()
        .atMost(Messages.PATIENCE)
        .until(
            () -> {
              taken.set(admin.take(QueueArguments.deadLetterQueue(queue)));
              return taken.get() != null;
            });
    return taken.get();
  }

  private static String deathReason(GetResponse dead) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> deaths =
        (List<Map<String, Object>>) dead.getProps().getHeaders().get("x-death");
    assertThat(deaths).as("x-death header").isNotEmpty();
    return String.valueOf(deaths.getFirst().get("reason"));
  }
}
