package dev.celeriac.broker.amqp;

import static dev.celeriac.broker.amqp.Messages.await;
import static dev.celeriac.broker.amqp.Messages.message;
import static dev.celeriac.broker.amqp.Messages.receive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.ConsumerOptions;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.embedded.junit.IntegrationTest;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Queue declarations: conflicts are reported clearly, and missing queues are noticed. */
@IntegrationTest
class TopologyIT {
  private final RabbitAdmin admin = new RabbitAdmin();
  private final AmqpBroker broker = AmqpBroker.create(admin.config().build());

  @AfterEach
  void cleanUp() throws Exception {
    broker.close();
    admin.close();
  }

  @Test
  void existingQueueWithOtherSettingsFailsWithAnErrorNamingTheQueueAndTheDifference() {
    String queue = admin.newQueue("classic-already");
    admin.onChannel(channel -> channel.queueDeclare(queue, true, false, false, Map.of()));

    assertThatThrownBy(() -> broker.publish(message(queue, 1)).get(60, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(QueueDeclarationException.class)
        .hasMessageContaining("'" + queue + "'")
        .hasMessageContaining("x-queue-type=quorum")
        .hasMessageContaining("PRECONDITION_FAILED - inequivalent arg");
    assertThatThrownBy(() -> broker.subscribe(Set.of(queue), ConsumerOptions.defaults(1)))
        .isInstanceOfSatisfying(
            QueueDeclarationException.class, e -> assertThat(e.queue()).isEqualTo(queue));
  }

  @Test
  void refusedDeclarationLeavesTheBrokersConnectionsUsable() {
    String conflicting = admin.newQueue("classic-already");
    String fine = admin.newQueue("fine");
    admin.onChannel(channel -> channel.queueDeclare(conflicting, true, false, false, Map.of()));
    assertThatThrownBy(() -> broker.subscribe(Set.of(conflicting), ConsumerOptions.defaults(1)))
        .isInstanceOf(QueueDeclarationException.class);
    assertThatThrownBy(() -> broker.publish(message(conflicting, 1)).join())
        .hasCauseInstanceOf(QueueDeclarationException.class);

    OutboundMessage sent = message(fine, 2);
    await(broker.publish(sent));
    BrokerConsumer consumer = broker.subscribe(Set.of(fine), ConsumerOptions.defaults(1));

    assertThat(receive(consumer, 1).getFirst().taskId()).isEqualTo(sent.id());
    consumer.close();
  }

  @Test
  void publishToAQueueDeletedBehindTheBrokersBackFailsAsUnroutableAndTheNextOneRedeclaresIt() {
    String queue = admin.newQueue("deleted");
    await(broker.publish(message(queue, 1)));
    admin.onChannel(channel -> channel.queueDelete(queue));

    assertThatThrownBy(() -> broker.publish(message(queue, 2)).get(60, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(BrokerException.class)
        .hasMessageContaining("could not route")
        .hasMessageContaining("'" + queue + "'");
    OutboundMessage after = message(queue, 3);
    await(broker.publish(after));

    BrokerConsumer consumer = broker.subscribe(Set.of(queue), ConsumerOptions.defaults(1));
    assertThat(receive(consumer, 1).getFirst().taskId()).isEqualTo(after.id());
    consumer.close();
  }
}
