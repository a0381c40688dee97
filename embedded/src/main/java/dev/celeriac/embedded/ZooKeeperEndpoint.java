package dev.celeriac.embedded;

import static java.util.Objects.requireNonNull;

/**
 * Where a ZooKeeper ensemble is.
 *
 * @param connectString the client connect string, e.g. {@code 127.0.0.1:2181}
 */
public record ZooKeeperEndpoint(String connectString) {
  /**
   * Validates the connect string.
   *
   * @throws IllegalArgumentException if it is blank
   */
  public ZooKeeperEndpoint {
    requireNonNull(connectString, "connectString");
    if (connectString.isBlank()) {
      throw new IllegalArgumentException("connectString must not be blank");
    }
  }
}
