package dev.celeriac.api.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How a consumer receives messages.
 *
 * @param group the consumer group (Kafka share group, or a label for AMQP); workers sharing a group
 *     share the queue's messages
 * @param prefetch how many unsettled deliveries the broker may hand this consumer at once
 * @param lockDuration how long a delivery stays invisible to other consumers before the broker
 *     redelivers it, where the broker has such locks; at least the longest task timeout
 */
public record ConsumerOptions(String group, int prefetch, Duration lockDuration) {
  /** The group workers use unless configured otherwise. */
  public static final String DEFAULT_GROUP = "celeriac-workers";

  /** Validates the options. */
  public ConsumerOptions {
    requireNonNull(group, "group");
    requireNonNull(lockDuration, "lockDuration");
    if (prefetch < 1) {
      throw new IllegalArgumentException("prefetch must be >= 1, was " + prefetch);
    }
    if (lockDuration.isNegative() || lockDuration.isZero()) {
      throw new IllegalArgumentException("lockDuration must be positive, was " + lockDuration);
    }
  }

  /** Group {@value #DEFAULT_GROUP}, prefetch {@code prefetch}, a 30 s lock. */
  public static ConsumerOptions defaults(int prefetch) {
    return new ConsumerOptions(DEFAULT_GROUP, prefetch, Duration.ofSeconds(30));
  }
}
