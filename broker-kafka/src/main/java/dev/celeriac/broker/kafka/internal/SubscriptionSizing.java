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
   * The sizing for a prefetch limit: no more share consumers than the prefetch, so each can hold at
   * least one record, and fetches of the prefetch divided by the first consumers, rounded up (at
   * most {@code maxRecordsPerFetch}), so that the first consumers together can fill the prefetch
   * and a set of deliveries the worker holds at once ties up few of them.
   */
  public static SubscriptionSizing of(
      int prefetch, int maxRecordsPerFetch, int consumers, int maxConsumers) {
    int most = Math.min(maxConsumers, prefetch);
    int first = Math.min(consumers, most);
    int share = (prefetch + first - 1) / first;
    return new SubscriptionSizing(prefetch, first, most, Math.min(maxRecordsPerFetch, share));
  }
}
