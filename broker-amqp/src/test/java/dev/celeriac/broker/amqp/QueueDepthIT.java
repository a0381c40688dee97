package dev.celeriac.broker.amqp;

import static dev.celeriac.broker.amqp.Messages.await;
import static dev.celeriac.broker.amqp.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.embedded.junit.IntegrationTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The broker reports queue depths for the console (issue 6). */
@IntegrationTest
class QueueDepthIT {
  private final RabbitAdmin admin = new RabbitAdmin();
  private final AmqpBroker broker = AmqpBroker.create(admin.config().build());

  @AfterEach
  void cleanUp() throws Exception {
    broker.close();
    admin.close();
  }

  @Test
  void depthCountsTheMessagesWaitingInAQueue() {
    String queue = admin.newQueue("depth");
    for (int i = 0; i < 3; i++) {
      await(broker.publish(message(queue, i)));
    }

    // RabbitMQ's count of a quorum queue trails its confirms by a moment.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(broker.readyCount(queue)).hasValue(3));
  }

  @Test
  void depthOfAQueueRabbitMqDoesNotHaveIsEmptyAndLeavesTheBrokerUsable() {
    String missing = admin.newQueue("never-declared");
    String used = admin.newQueue("used");

    assertThat(broker.readyCount(missing)).isEmpty();
    await(broker.publish(message(used, 1)));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(broker.readyCount(used)).hasValue(1));
  }
}
