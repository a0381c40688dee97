package dev.celeriac.broker.kafka.internal;

/**
 * How many share consumers a subscription runs and how many records each acquires at once.
 *
 * @param prefetch the most unsettled records all its share consumers hold together
 * @param consumers how many share consumers it starts with
 * @param maxConsumers the most share consumers it opens
 * @param recordsPerFetch the most records one share consumer acquires at once
 */
public record SubscriptionSizing(
    int prefetch, int consumers, int maxConsumers, int recordsPerFetch) {
  /** Validates the sizes. */
  public SubscriptionSizing {
    if (prefetch < 1 || consumers < 1 || recordsPerFetch < 1) {
      throw new IllegalArgumentException(
          "sizes must be >= 1, were prefetch "
              + prefetch
              + ", consumers "
              + consumers
              + ", recordsPerFetch "
              + recordsPerFetch);
    }
    if (maxConsumers < consumers || maxConsumers > prefetch || recordsPerFetch > prefetch) {
      throw new IllegalArgumentException(
          "need consumers "
              + consumers
              + " <= maxConsumers "
              + maxConsumers
              + " <= prefetch "
              + prefetch
              + " and recordsPerFetch "
              + recordsPerFetch
              + " <= prefetch");
    }
  }

  /**
   * The sizing for a prefetch limit over topics with {@code partitions} partitions in all.
   *
   * <p>Share consumers: at least {@code consumers} and twice the partitions, rounded up to a
   * multiple of the partitions, so that Kafka's assignor gives every partition the same number of
   * them, at least two, and a share consumer held up by an unsettled record never stalls a
   * partition alone. (With members outnumbering partitions by less, Kafka 4.4's assignor may leave
   * a partition with one member: it tolerates that imbalance.) At most {@code maxConsumers}, and
   * never more than the prefetch, so each can hold at least one record.
   *
   * <p>Records per fetch: the prefetch divided by the first consumers, rounded down, at most {@code
   * maxRecordsPerFetch}, so that the first consumers together can fill the prefetch and a set of
   * deliveries the worker holds at once ties up few of them. Not more: a share consumer keeps the
   * permits of a whole batch while it fetches (see {@link ShareConsumerLane}), so batches adding up
   * to more than the prefetch (even by rounding up) would leave some consumers without permits, and
   * their partitions unread, while others wait on empty ones.
   */
  public static SubscriptionSizing of(
      int prefetch, int maxRecordsPerFetch, int consumers, int maxConsumers, int partitions) {
    int most = Math.min(maxConsumers, prefetch);
    int wanted = Math.max(consumers, 2 * partitions);
    if (partitions > 0) {
      wanted = (wanted + partitions - 1) / partitions * partitions;
    }
    int first = Math.min(wanted, most);
    int share = prefetch / first;
    return new SubscriptionSizing(prefetch, first, most, Math.min(maxRecordsPerFetch, share));
  }

  /**
   * True if the first share consumers are a multiple of {@code partitions}, at least twice them, so
   * Kafka gives every partition at least two of them.
   */
  public boolean sharesEveryPartition(int partitions) {
    return partitions > 0 && consumers >= 2 * partitions && consumers % partitions == 0;
  }
}
