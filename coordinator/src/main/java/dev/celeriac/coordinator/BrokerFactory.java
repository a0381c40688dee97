package dev.celeriac.coordinator;

import dev.celeriac.api.spi.Broker;

/**
 * Opens the broker a {@link CoordinatorMain} publishes to. Broker modules provide one; the class is
 * named with {@code --broker-factory} and needs a public no-argument constructor.
 */
public interface BrokerFactory {
  /**
   * Opens a broker at {@code url} (the {@code --broker-url} value, possibly empty), ready to
   * publish. The caller closes it.
   *
   * @throws RuntimeException if the broker cannot be reached or the url is invalid
   */
  Broker open(String url);
}
