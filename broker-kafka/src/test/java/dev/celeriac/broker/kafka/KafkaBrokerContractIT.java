package dev.celeriac.broker.kafka;

import dev.celeriac.api.contract.BrokerContractTest;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.embedded.junit.IntegrationTest;
import dev.celeriac.embedded.junit.TestServices;

/** The shared broker contract against a real Kafka broker (embedded KRaft unless one is found). */
@IntegrationTest
class KafkaBrokerContractIT extends BrokerContractTest {

  @Override
  protected Broker newBroker() {
    return KafkaBroker.create(
        KafkaBrokerConfig.builder(TestServices.kafka().bootstrapServers())
            .topicPrefix("celeriac-contract.")
            .build());
  }
}
