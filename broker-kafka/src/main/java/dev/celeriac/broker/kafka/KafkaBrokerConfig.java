package dev.celeriac.broker.kafka;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link KafkaBroker} connects and lays out its topics. Build one with {@link
 * #builder(String)}; every setting but the bootstrap servers has a default.
 *
 * @param bootstrapServers the Kafka {@code bootstrap.servers} list, e.g. {@code
 *     host1:9092,host2:9092}
 * @param topicPrefix prepended to a queue name to make its topic; default {@value
 *     #DEFAULT_TOPIC_PREFIX}
 * @param partitions partitions of a topic the broker creates; default {@value #DEFAULT_PARTITIONS}.
 *     An existing topic is used as it is.
 * @param replicationFactor replication factor of a topic the broker creates; null (the default) for
 *     the cluster's {@code default.replication.factor}
 * @param publishTimeout the bound on a publish: how long {@code publish} may wait for metadata,
 *     topic creation and the acknowledgement of all in-sync replicas before its future fails with a
 *     {@link dev.celeriac.api.spi.BrokerException}; default 30 s, at least 1 s
 * @param linger how long the producer waits to batch records; default 5 ms
 * @param consumersPerSubscription how many share consumers a subscription starts with; default
 *     {@value #DEFAULT_CONSUMERS_PER_SUBSCRIPTION} (see {@link KafkaBroker} for why there are
 *     several)
 * @param maxConsumersPerSubscription the most share consumers a subscription opens while some of
 *     them are held up by unsettled records; default {@value
 *     #DEFAULT_MAX_CONSUMERS_PER_SUBSCRIPTION}
 * @param recordsPerFetch the most records one share consumer fetches at once; default {@value
 *     #DEFAULT_RECORDS_PER_FETCH}, lowered to the prefetch divided by the subscription's first
 *     share consumers, and raised to that (at most 5,000 and the group's record locks per
 *     partition) when {@code maxConsumersPerSubscription} share consumers of this size could not
 *     hold the prefetch
 * @param closeTimeout how long closing a consumer or the broker may take to hand back unsettled
 *     records and flush; default 30 s
 * @param clientProperties further Kafka client properties (security, client id, ...) given to every
 *     producer, consumer and admin client; the settings Celeriac relies on (acks, idempotence,
 *     acknowledgement mode) cannot be overridden
 */
public record KafkaBrokerConfig(
    String bootstrapServers,
    String topicPrefix,
    int partitions,
    @Nullable Short replicationFactor,
    Duration publishTimeout,
    Duration linger,
    int consumersPerSubscription,
    int maxConsumersPerSubscription,
    int recordsPerFetch,
    Duration closeTimeout,
    Map<String, Object> clientProperties) {

  /** The default topic prefix. */
  public static final String DEFAULT_TOPIC_PREFIX = "celeriac.";

  /** The default number of partitions of a created topic. */
  public static final int DEFAULT_PARTITIONS = 3;

  /** The default number of share consumers a subscription starts with. */
  public static final int DEFAULT_CONSUMERS_PER_SUBSCRIPTION = 4;

  /** The default for the most share consumers a subscription opens. */
  public static final int DEFAULT_MAX_CONSUMERS_PER_SUBSCRIPTION = 32;

  /** The default number of records one share consumer fetches at once. */
  public static final int DEFAULT_RECORDS_PER_FETCH = 100;

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException if a number is out of range or the prefix makes no valid topic
   */
  public KafkaBrokerConfig {
    requireNonNull(bootstrapServers, "bootstrapServers");
    requireNonNull(topicPrefix, "topicPrefix");
    requireNonNull(publishTimeout, "publishTimeout");
    requireNonNull(linger, "linger");
    requireNonNull(closeTimeout, "closeTimeout");
    clientProperties = Map.copyOf(requireNonNull(clientProperties, "clientProperties"));
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be blank");
    }
    if (!topicPrefix.matches("[a-zA-Z0-9._-]*")) {
      throw new IllegalArgumentException(
          "topicPrefix may hold only ASCII letters, digits, '.', '_' and '-', was '"
              + topicPrefix
              + "'");
    }
    atLeast("partitions", partitions, 1);
    if (replicationFactor != null && replicationFactor < 1) {
      throw new IllegalArgumentException(
          "replicationFactor must be >= 1 or null for the cluster default, was "
              + replicationFactor);
    }
    if (publishTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          "publishTimeout must be at least 1 s, was " + publishTimeout);
    }
    if (linger.isNegative() || linger.compareTo(publishTimeout.dividedBy(2)) > 0) {
      throw new IllegalArgumentException(
          "linger must be between 0 and half the publishTimeout, was " + linger);
    }
    atLeast("consumersPerSubscription", consumersPerSubscription, 1);
    atLeast("maxConsumersPerSubscription", maxConsumersPerSubscription, consumersPerSubscription);
    atLeast("recordsPerFetch", recordsPerFetch, 1);
    if (closeTimeout.isNegative() || closeTimeout.isZero()) {
      throw new IllegalArgumentException("closeTimeout must be positive, was " + closeTimeout);
    }
  }

  private static void atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
    }
  }

  /** A builder with every default, for the cluster at {@code bootstrapServers}. */
  public static Builder builder(String bootstrapServers) {
    return new Builder(bootstrapServers);
  }

  /** The topic that holds {@code queue}'s messages: the prefix followed by the queue name. */
  public String topicOf(String queue) {
    return topicPrefix + queue;
  }

  /** Collects the settings of a {@link KafkaBrokerConfig}. Not thread-safe. */
  public static final class Builder {
    private final String bootstrapServers;
    private String topicPrefix = DEFAULT_TOPIC_PREFIX;
    private int partitions = DEFAULT_PARTITIONS;
    private @Nullable Short replicationFactor;
    private Duration publishTimeout = Duration.ofSeconds(30);
    private Duration linger = Duration.ofMillis(5);
    private int consumersPerSubscription = DEFAULT_CONSUMERS_PER_SUBSCRIPTION;
    private int maxConsumersPerSubscription = DEFAULT_MAX_CONSUMERS_PER_SUBSCRIPTION;
    private int recordsPerFetch = DEFAULT_RECORDS_PER_FETCH;
    private Duration closeTimeout = Duration.ofSeconds(30);
    private final Map<String, Object> clientProperties = new HashMap<>();

    private Builder(String bootstrapServers) {
      this.bootstrapServers = requireNonNull(bootstrapServers, "bootstrapServers");
    }

    /** See {@link KafkaBrokerConfig#topicPrefix()}. */
    public Builder topicPrefix(String prefix) {
      this.topicPrefix = requireNonNull(prefix, "prefix");
      return this;
    }

    /** See {@link KafkaBrokerConfig#partitions()}. */
    public Builder partitions(int partitions) {
      this.partitions = partitions;
      return this;
    }

    /** See {@link KafkaBrokerConfig#replicationFactor()}. */
    public Builder replicationFactor(short replicationFactor) {
      this.replicationFactor = replicationFactor;
      return this;
    }

    /** See {@link KafkaBrokerConfig#publishTimeout()}. */
    public Builder publishTimeout(Duration timeout) {
      this.publishTimeout = requireNonNull(timeout, "timeout");
      return this;
    }

    /** See {@link KafkaBrokerConfig#linger()}. */
    public Builder linger(Duration linger) {
      this.linger = requireNonNull(linger, "linger");
      return this;
    }

    /** See {@link KafkaBrokerConfig#consumersPerSubscription()}. */
    public Builder consumersPerSubscription(int consumers) {
      this.consumersPerSubscription = consumers;
      return this;
    }

    /** See {@link KafkaBrokerConfig#maxConsumersPerSubscription()}. */
    public Builder maxConsumersPerSubscription(int consumers) {
      this.maxConsumersPerSubscription = consumers;
      return this;
    }

    /** See {@link KafkaBrokerConfig#recordsPerFetch()}. */
    public Builder recordsPerFetch(int records) {
      this.recordsPerFetch = records;
      return this;
    }

    /** See {@link KafkaBrokerConfig#closeTimeout()}. */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = requireNonNull(timeout, "timeout");
      return this;
    }

    /** Adds one Kafka client property; see {@link KafkaBrokerConfig#clientProperties()}. */
    public Builder clientProperty(String name, Object value) {
      clientProperties.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
      return this;
    }

    /**
     * The validated configuration.
     *
     * @throws IllegalArgumentException if a setting is out of range
     */
    public KafkaBrokerConfig build() {
      return new KafkaBrokerConfig(
          bootstrapServers,
          topicPrefix,
          partitions,
          replicationFactor,
          publishTimeout,
          linger,
          consumersPerSubscription,
          maxConsumersPerSubscription,
          recordsPerFetch,
          closeTimeout,
          clientProperties);
    }
  }
}
