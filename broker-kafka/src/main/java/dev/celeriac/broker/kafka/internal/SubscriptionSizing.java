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
    if (maxConsumers < consumers
        || maxConsumers > prefetch
        || (long) maxConsumers * recordsPerFetch > prefetch) {
      throw new IllegalArgumentException(
          "need consumers "
              + consumers
              + " <= maxConsumers "
              + maxConsumers
              + " <= prefetch "
              + prefetch
              + " and maxConsumers * recordsPerFetch "
              + recordsPerFetch
              + " <= prefetch");
    }
  }

  /**
   * The most records a share consumer fetches at once when the configured size is raised to fill
   * the prefetch: beyond it, one batch would tie up too many tasks behind one unsettled record.
   */
  public static final int MOST_RAISED_RECORDS_PER_FETCH = 5_000;

  /**
   * The sizing for a prefetch limit over topics with {@code partitions} partitions in all, of which
   * the group may have at most {@code partitionRecordLocks} records of each acquired at once.
   *
   * <p>Share consumers: at least {@code consumers} and twice the partitions, rounded up to a
   * multiple of the partitions, so that Kafka's assignor gives every partition the same number of
   * them, at least two, and a share consumer held up by an unsettled record never stalls a
   * partition alone. (With members outnumbering partitions by less, Kafka 4.4's assignor may leave
   * a partition with one member: it tolerates that imbalance.) Never more than the prefetch, so
   * each can hold at least one record.
   *
   * <p>Records per fetch: {@code recordsPerFetch}, lowered to the prefetch divided by the first
   * consumers (rounded down), so that the first consumers together can fill the prefetch and a set
   * of deliveries the worker holds at once ties up few of them. When even the most consumers could
   * not hold the prefetch with that size, it is raised to the prefetch divided by the first
   * consumers, at most {@link #MOST_RAISED_RECORDS_PER_FETCH} and at most what the group may lock
   * of a partition shared by the first consumers; so a worker of high concurrency holds about its
   * concurrency with the default configuration.
   *
   * <p>The most consumers: at most {@code maxConsumers}, and at most the prefetch divided by the
   * records per fetch. A share consumer takes the permits of a whole batch before it polls and
   * keeps them through empty polls (see {@link ShareConsumerLane}); with more consumers than that,
   * those waiting on drained partitions could hold every free permit while the consumers of the
   * partition that still has records wait for permits forever.
   */
  public static SubscriptionSizing of(
      int prefetch,
      int recordsPerFetch,
      int consumers,
      int maxConsumers,
      int partitions,
      int partitionRecordLocks) {
    int most = Math.min(maxConsumers, prefetch);
    int wanted = Math.max(consumers, 2 * partitions);
    if (partitions > 0) {
      wanted = (wanted + partitions - 1) / partitions * partitions;
    }
    int first = Math.min(wanted, most);
    int share = prefetch / first;
    int perFetch = Math.min(recordsPerFetch, share);
    if ((long) most * perFetch < prefetch) {
      long lockable =
          partitions > 0 ? (long) partitionRecordLocks * partitions / first : Integer.MAX_VALUE;
      int raised = (int) Math.min(Math.min(share, MOST_RAISED_RECORDS_PER_FETCH), lockable);
      perFetch = Math.max(perFetch, raised);
    }
    int mostWithPermits = Math.max(first, Math.min(most, prefetch / perFetch));
    return new SubscriptionSizing(prefetch, first, mostWithPermits, perFetch);
  }

  /**
   * True if the first share consumers are a multiple of {@code partitions}, at least twice them, so
   * Kafka gives every partition at least two of them.
   */
  public boolean sharesEveryPartition(int partitions) {
    return partitions > 0 && consumers >= 2 * partitions && consumers % partitions == 0;
  }
}
