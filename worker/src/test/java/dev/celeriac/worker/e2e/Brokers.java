package dev.celeriac.worker.e2e;

import java.util.function.Supplier;

/**
 * The brokers the end-to-end suite runs on; each test class is run once per entry
 * ({@code @ParameterizedClass @EnumSource(Brokers.class)}). A new broker module is one entry here.
 */
enum Brokers {
  RABBITMQ(RabbitMqUnderTest::new),
  KAFKA(KafkaUnderTest::new);

  private final Supplier<BrokerUnderTest> opener;

  Brokers(Supplier<BrokerUnderTest> opener) {
    this.opener = opener;
  }

  /** Connects to this broker's shared test server. */
  BrokerUnderTest open() {
    return opener.get();
  }
}
