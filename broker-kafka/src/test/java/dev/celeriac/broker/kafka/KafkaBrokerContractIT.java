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
    // A share consumer holding an unsettled record fetches nothing, and Kafka shares a partition
    // between members only once they outnumber the partitions (KafkaBroker's Javadoc). The worker
    // subscribes per queue, where the defaults (3 partitions, 4 share consumers) keep that true;
    // one test here subscribes to two queues at once (6 partitions), so the suite starts 7.
    return KafkaBroker.create(
        KafkaBrokerConfig.builder(TestServices.kafka().bootstrapServers())
            .topicPrefix("celeriac-contract.")
            .consumersPerSubscription(7)
            .build());
  }
}
