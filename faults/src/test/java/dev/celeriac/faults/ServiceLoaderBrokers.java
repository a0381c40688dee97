package dev.celeriac.faults;

import dev.celeriac.api.spi.Broker;
import dev.celeriac.coordinator.BrokerFactory;

/**
 * The coordinator's {@code --broker-factory} for the ledger run: the broker module on the class
 * path that understands the URL, found as {@code WorkerMain} finds it.
 */
public final class ServiceLoaderBrokers implements BrokerFactory {
  /** Constructed by {@code CoordinatorMain} by name. */
  public ServiceLoaderBrokers() {}

  @Override
  public Broker open(String url) {
    return dev.celeriac.api.spi.BrokerFactory.fromServiceLoader().connect(url);
  }
}
