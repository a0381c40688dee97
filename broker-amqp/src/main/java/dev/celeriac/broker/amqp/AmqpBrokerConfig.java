package dev.celeriac.broker.amqp;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * How an {@link AmqpBroker} connects and which topology it declares. Build one with {@link
 * #builder(URI)}; every field but the URI has a default.
 *
 * @param uri the AMQP URI, e.g. {@code amqp://guest:guest@127.0.0.1:5672/%2f}
 * @param exchange the direct exchange messages are published to; default {@value
 *     #DEFAULT_EXCHANGE}. Dead letters go through {@code <exchange>.dead}.
 * @param deliveryLimit how often a quorum queue delivers a message that keeps coming back
 *     (released, or its consumer died) before it dead-letters it with reason {@code
 *     delivery_limit}; default {@value #DEFAULT_DELIVERY_LIMIT}. Classic queues have no limit.
 * @param priorityQueues queues declared as classic queues with {@code x-max-priority} 9, so that
 *     {@link dev.celeriac.api.spi.OutboundMessage#priority()} orders delivery; every other queue is
 *     a quorum queue, which on RabbitMQ 3.10 has no priorities. Default none.
 * @param publishTimeout how long a publish waits for the broker's confirm, including time spent
 *     waiting for a lost connection to recover, before it fails; default 10 s
 * @param connectTimeout the bound on opening a connection (TCP connect and AMQP handshake) and on
 *     every synchronous AMQP call (declarations); default 10 s
 * @param recoveryInterval how long to wait between attempts to recover a lost connection; default 2
 *     s
 * @param publishChannels how many confirm-mode channels publishes are spread over; default 4
 * @param connectionName the prefix of the names the broker's connections show in RabbitMQ's
 *     management tools ({@code <name>-publish}, {@code <name>-consume}); default {@value
 *     #DEFAULT_CONNECTION_NAME}
 */
public record AmqpBrokerConfig(
    URI uri,
    String exchange,
    int deliveryLimit,
    Set<String> priorityQueues,
    Duration publishTimeout,
    Duration connectTimeout,
    Duration recoveryInterval,
    int publishChannels,
    String connectionName) {

  /** The default exchange name. */
  public static final String DEFAULT_EXCHANGE = "celeriac";

  /** The default quorum queue delivery limit. */
  public static final int DEFAULT_DELIVERY_LIMIT = 5;

  /** The default connection name prefix. */
  public static final String DEFAULT_CONNECTION_NAME = "celeriac";

  /**
   * Validates the configuration.
   *
   * @throws IllegalArgumentException if the URI is not {@code amqp}/{@code amqps}, a name is blank,
   *     a count is below 1 or a duration is not positive
   */
  public AmqpBrokerConfig {
    requireNonNull(uri, "uri");
    String scheme = uri.getScheme();
    if (!"amqp".equalsIgnoreCase(scheme) && !"amqps".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException(
          "the RabbitMQ URI must start with amqp:// or amqps://, was " + scheme + "://...");
    }
    requireNotBlank(exchange, "exchange");
    requireNotBlank(connectionName, "connectionName");
    if (deliveryLimit < 1) {
      throw new IllegalArgumentException("deliveryLimit must be >= 1, was " + deliveryLimit);
    }
    if (publishChannels < 1) {
      throw new IllegalArgumentException("publishChannels must be >= 1, was " + publishChannels);
    }
    requirePositive(publishTimeout, "publishTimeout");
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(recoveryInterval, "recoveryInterval");
    priorityQueues = Set.copyOf(requireNonNull(priorityQueues, "priorityQueues"));
    priorityQueues.forEach(q -> requireNotBlank(q, "priority queue name"));
  }

  /** A builder with every default, connecting to {@code uri}. */
  public static Builder builder(URI uri) {
    return new Builder(uri);
  }

  /** True if {@code queue} is declared as a classic priority queue. */
  public boolean isPriorityQueue(String queue) {
    return priorityQueues.contains(queue);
  }

  private static void requireNotBlank(String value, String name) {
    if (requireNonNull(value, name).isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static void requirePositive(Duration value, String name) {
    if (requireNonNull(value, name).isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  /** Builds an {@link AmqpBrokerConfig}; not thread-safe. Each setter documents its default. */
  public static final class Builder {
    private final URI uri;
    private String exchange = DEFAULT_EXCHANGE;
    private int deliveryLimit = DEFAULT_DELIVERY_LIMIT;
    private final Set<String> priorityQueues = new HashSet<>();
    private Duration publishTimeout = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration recoveryInterval = Duration.ofSeconds(2);
    private int publishChannels = 4;
    private String connectionName = DEFAULT_CONNECTION_NAME;

    private Builder(URI uri) {
      this.uri = requireNonNull(uri, "uri");
    }

    /** The direct exchange to publish to; default {@value #DEFAULT_EXCHANGE}. */
    public Builder exchange(String exchange) {
      this.exchange = exchange;
      return this;
    }

    /** The quorum queues' delivery limit; default {@value #DEFAULT_DELIVERY_LIMIT}. */
    public Builder deliveryLimit(int deliveryLimit) {
      this.deliveryLimit = deliveryLimit;
      return this;
    }

    /**
     * Declares {@code queue} as a classic queue with priorities 0 to 9 instead of a quorum queue.
     * May be called for several queues.
     */
    public Builder priorityQueue(String queue) {
      priorityQueues.add(requireNonNull(queue, "queue"));
      return this;
    }

    /** How long a publish may wait for its confirm; default 10 s. */
    public Builder publishTimeout(Duration publishTimeout) {
      this.publishTimeout = publishTimeout;
      return this;
    }

    /** The bound on connecting and on synchronous AMQP calls; default 10 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** The pause between connection recovery attempts; default 2 s. */
    public Builder recoveryInterval(Duration recoveryInterval) {
      this.recoveryInterval = recoveryInterval;
      return this;
    }

    /** How many confirm-mode channels carry publishes; default 4. */
    public Builder publishChannels(int publishChannels) {
      this.publishChannels = publishChannels;
      return this;
    }

    /** The prefix of the connections' names; default {@value #DEFAULT_CONNECTION_NAME}. */
    public Builder connectionName(String connectionName) {
      this.connectionName = connectionName;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException as {@link AmqpBrokerConfig#AmqpBrokerConfig} does
     */
    public AmqpBrokerConfig build() {
      return new AmqpBrokerConfig(
          uri,
          exchange,
          deliveryLimit,
          priorityQueues,
          publishTimeout,
          connectTimeout,
          recoveryInterval,
          publishChannels,
          connectionName);
    }
  }
}
