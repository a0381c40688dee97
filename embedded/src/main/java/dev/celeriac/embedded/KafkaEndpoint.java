package dev.celeriac.embedded;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Where a Kafka cluster is.
 *
 * @param bootstrapServers the {@code bootstrap.servers} list, e.g. {@code 127.0.0.1:9092}
 */
public record KafkaEndpoint(String bootstrapServers) {
  /**
   * Validates the list.
   *
   * @throws IllegalArgumentException if it is blank
   */
  public KafkaEndpoint {
    requireNonNull(bootstrapServers, "bootstrapServers");
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be blank");
    }
  }

  /**
   * A client configuration holding only {@code bootstrap.servers}, to copy into a producer,
   * consumer or admin configuration.
   */
  public Map<String, Object> clientConfig() {
    return Map.of("bootstrap.servers", bootstrapServers);
  }
}
