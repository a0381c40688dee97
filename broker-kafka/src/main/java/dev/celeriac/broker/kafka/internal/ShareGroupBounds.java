package dev.celeriac.broker.kafka.internal;

import java.time.Duration;
import java.util.Map;

/**
 * The limits a Kafka broker puts on share-group configurations.
 *
 * @param minLockMs {@code group.share.min.record.lock.duration.ms}
 * @param maxLockMs {@code group.share.max.record.lock.duration.ms}
 * @param maxDeliveryCountLimit {@code group.share.max.delivery.count.limit}
 * @param maxPartitionRecordLocks {@code group.share.max.partition.max.record.locks}: the most
 *     records of one partition a group may have acquired at once
 */
public record ShareGroupBounds(
    long minLockMs, long maxLockMs, int maxDeliveryCountLimit, int maxPartitionRecordLocks) {
  /** The broker setting for the shortest acquisition lock a group may configure. */
  public static final String MIN_LOCK = "group.share.min.record.lock.duration.ms";

  /** The broker setting for the longest acquisition lock a group may configure. */
  public static final String MAX_LOCK = "group.share.max.record.lock.duration.ms";

  /** The broker setting for the highest delivery count limit a group may configure. */
  public static final String MAX_DELIVERY_COUNT_LIMIT = "group.share.max.delivery.count.limit";

  /**
   * The broker setting for the highest number of acquired records per partition a group may
   * configure.
   */
  public static final String MAX_PARTITION_RECORD_LOCKS =
      "group.share.max.partition.max.record.locks";

  /**
   * Kafka 4.4's defaults: locks of 15-60 s, at most 10 deliveries, at most 4,000 acquired records
   * per partition.
   */
  public static final ShareGroupBounds KAFKA_DEFAULTS =
      new ShareGroupBounds(15_000, 60_000, 10, 4_000);

  /** Validates the bounds. */
  public ShareGroupBounds {
    if (minLockMs < 1 || maxLockMs < minLockMs) {
      throw new IllegalArgumentException(
          "lock bounds must satisfy 1 <= min <= max, were " + minLockMs + " and " + maxLockMs);
    }
    if (maxDeliveryCountLimit < 2) {
      throw new IllegalArgumentException(
          "maxDeliveryCountLimit must be >= 2, was " + maxDeliveryCountLimit);
    }
    if (maxPartitionRecordLocks < 1) {
      throw new IllegalArgumentException(
          "maxPartitionRecordLocks must be >= 1, was " + maxPartitionRecordLocks);
    }
  }

  /**
   * The bounds in a broker's configuration values, with Kafka's default for any that is missing or
   * not a number.
   */
  public static ShareGroupBounds of(Map<String, String> brokerConfig) {
    return new ShareGroupBounds(
        number(brokerConfig, MIN_LOCK, KAFKA_DEFAULTS.minLockMs),
        number(brokerConfig, MAX_LOCK, KAFKA_DEFAULTS.maxLockMs),
        (int) number(brokerConfig, MAX_DELIVERY_COUNT_LIMIT, KAFKA_DEFAULTS.maxDeliveryCountLimit),
        (int)
            number(
                brokerConfig, MAX_PARTITION_RECORD_LOCKS, KAFKA_DEFAULTS.maxPartitionRecordLocks));
  }

  /** The lock duration in milliseconds closest to {@code wanted} that the broker accepts. */
  public long clampLock(Duration wanted) {
    long ms = wanted.toMillis();
    return Math.max(minLockMs, Math.min(maxLockMs, ms));
  }

  private static long number(Map<String, String> config, String name, long fallback) {
    String value = config.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
