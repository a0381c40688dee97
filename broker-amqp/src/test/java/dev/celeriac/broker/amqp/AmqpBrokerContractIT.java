package dev.celeriac.broker.amqp;

import dev.celeriac.api.contract.BrokerContractTest;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.embedded.junit.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The RabbitMQ broker keeps the broker contract, on quorum queues. */
@IntegrationTest
class AmqpBrokerContractIT extends BrokerContractTest {
  private static RabbitAdmin admin;

  @BeforeAll
  static void connectAdmin() {
    admin = new RabbitAdmin();
  }

  @AfterAll
  static void deleteQueues() throws Exception {
    admin.close();
  }

  @Override
  protected Broker newBroker() {
    return AmqpBroker.create(admin.config().build());
  }

  @Override
  protected String newQueueName() {
    return admin.newQueue("contract");
  }

  @Override
  protected Duration silence() {
    // RabbitMQ requeues at once (no lock to expire): a second is plenty to see nothing comes.
    return Duration.ofSeconds(1);
  }
}
