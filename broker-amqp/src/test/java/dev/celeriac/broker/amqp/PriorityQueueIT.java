package dev.celeriac.broker.amqp;

import static dev.celeriac.broker.amqp.Messages.aMessage;
import static dev.celeriac.broker.amqp.Messages.await;
import static dev.celeriac.broker.amqp.Messages.receive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.ConsumerOptions;
import dev.celeriac.api.spi.Delivery;
import dev.celeriac.embedded.junit.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A queue configured with priorities is a classic priority queue that delivers higher first. */
@IntegrationTest
class PriorityQueueIT {
  private final RabbitAdmin admin = new RabbitAdmin();
  private final String queue = admin.newQueue("priorities");
  private final AmqpBroker broker = AmqpBroker.create(admin.config().priorityQueue(queue).build());

  @AfterEach
  void cleanUp() throws Exception {
    broker.close();
    admin.close();
  }

  @Test
  void waitingMessagesAreDeliveredHighestPriorityFirst() {
    for (int priority : List.of(1, 5, 9, 0, 5)) {
      await(broker.publish(aMessage(queue, priority, priority)));
    }
    BrokerConsumer consumer = broker.subscribe(Set.of(queue), ConsumerOptions.defaults(10));

    List<Delivery> received = receive(consumer, 5);

    assertThat(received)
        .extracting(d -> d.headers().get(AmqpBroker.PRIORITY_HEADER))
        .containsExactly("9", "5", "5", "1", "0");
    received.forEach(d -> await(d.ack()));
    consumer.close();
  }

  @Test
  void priorityQueueIsDeclaredAsAClassicQueueWithMaximumPriorityNine() {
    await(broker.publish(aMessage(queue, 1, 3)));

    // Redeclaring with exactly these arguments succeeds only if the queue has them.
    admin.onChannel(
        channel ->
            channel.queueDeclare(
                queue,
                true,
                false,
                false,
                Map.of(
                    "x-queue-type",
                    "classic",
                    "x-max-priority",
                    9,
                    "x-dead-letter-exchange",
                    "celeriac.dead",
                    "x-dead-letter-routing-key",
                    queue)));
    assertThat(admin.depth(queue)).isEqualTo(1);
  }
}
