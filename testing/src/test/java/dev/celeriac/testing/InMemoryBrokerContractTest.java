package dev.celeriac.testing;

import dev.celeriac.api.contract.BrokerContractTest;
import dev.celeriac.api.spi.Broker;
import java.time.Duration;

/** The in-memory broker keeps the broker contract: the test kit's acceptance. */
class InMemoryBrokerContractTest extends BrokerContractTest {

  @Override
  protected Broker newBroker() {
    return new InMemoryBroker();
  }

  @Override
  protected Duration silence() {
    // Nothing in memory is redelivered late: a short look is as good as a long one.
    return Duration.ofMillis(200);
  }
}
