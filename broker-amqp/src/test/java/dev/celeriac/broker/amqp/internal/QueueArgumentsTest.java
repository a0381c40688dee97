package dev.celeriac.broker.amqp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.broker.amqp.AmqpBrokerConfig;
import java.net.URI;
import org.junit.jupiter.api.Test;

class QueueArgumentsTest {
  private final AmqpBrokerConfig config =
      AmqpBrokerConfig.builder(URI.create("amqp://localhost"))
          .exchange("tasks")
          .deliveryLimit(3)
          .priorityQueue("reports")
          .build();

  @Test
  void workQueuesAreQuorumQueuesWithTheDeliveryLimitAndADeadLetterRoute() {
    assertThat(QueueArguments.workQueue(config, "emails"))
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of(
                "x-queue-type", "quorum",
                "x-delivery-limit", 3,
                "x-dead-letter-exchange", "tasks.dead",
                "x-dead-letter-routing-key", "emails"));
  }

  @Test
  void priorityQueuesAreClassicQueuesWithPrioritiesUpToNineAndNoDeliveryLimit() {
    assertThat(QueueArguments.workQueue(config, "reports"))
        .containsEntry("x-queue-type", "classic")
        .containsEntry("x-max-priority", 9)
        .containsEntry("x-dead-letter-exchange", "tasks.dead")
        .doesNotContainKey("x-delivery-limit");
  }

  @Test
  void deadLettersGoToTheQueueNamedAfterTheirQueue() {
    assertThat(QueueArguments.deadLetterQueue("emails")).isEqualTo("emails.dead");
    assertThat(QueueArguments.deadLetterExchange(config)).isEqualTo("tasks.dead");
  }

  @Test
  void descriptionListsArgumentsInKeyOrder() {
    assertThat(QueueArguments.describe(java.util.Map.of("b", 2, "a", "x"))).isEqualTo("a=x, b=2");
  }
}
