package dev.celeriac.broker.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubscriptionSizingTest {

  private static final int LOCKS = 4_000;

  @Test
  void eachShareConsumerFetchesThePrefetchDividedByTheFirstConsumersUpToTheCap() {
    assertThat(SubscriptionSizing.of(1000, 100, 4, 32, 1, LOCKS))
        .isEqualTo(new SubscriptionSizing(1000, 4, 10, 100));
    assertThat(SubscriptionSizing.of(100, 100, 4, 32, 1, LOCKS))
        .isEqualTo(new SubscriptionSizing(100, 4, 4, 25));
    assertThat(SubscriptionSizing.of(50, 100, 4, 32, 1, LOCKS))
        .isEqualTo(new SubscriptionSizing(50, 4, 4, 12));
    assertThat(SubscriptionSizing.of(10_000, 1_000, 16, 32, 8, LOCKS))
        .isEqualTo(new SubscriptionSizing(10_000, 16, 16, 625));
  }

  @Test
  void theFirstShareConsumersAreAMultipleOfThePartitionsAndAtLeastTwiceThem() {
    var sizing = SubscriptionSizing.of(1000, 100, 4, 32, 3, LOCKS);
    assertThat(sizing).isEqualTo(new SubscriptionSizing(1000, 6, 10, 100));
    assertThat(sizing.sharesEveryPartition(3)).isTrue();
    assertThat(SubscriptionSizing.of(1000, 100, 7, 32, 3, LOCKS))
        .isEqualTo(new SubscriptionSizing(1000, 9, 10, 100));
    assertThat(SubscriptionSizing.of(1000, 100, 4, 32, 6, LOCKS))
        .isEqualTo(new SubscriptionSizing(1000, 12, 12, 83));

    var capped = SubscriptionSizing.of(1000, 100, 4, 32, 20, LOCKS);
    assertThat(capped).isEqualTo(new SubscriptionSizing(1000, 32, 32, 31));
    assertThat(capped.sharesEveryPartition(20)).isFalse();
  }

  @Test
  void aSmallPrefetchGetsNoMoreShareConsumersThanRecords() {
    assertThat(SubscriptionSizing.of(10, 100, 4, 32, 3, LOCKS))
        .isEqualTo(new SubscriptionSizing(10, 6, 10, 1));
    assertThat(SubscriptionSizing.of(3, 100, 4, 32, 3, LOCKS))
        .isEqualTo(new SubscriptionSizing(3, 3, 3, 1));
    assertThat(SubscriptionSizing.of(1, 100, 4, 32, 3, LOCKS))
        .isEqualTo(new SubscriptionSizing(1, 1, 1, 1));
  }

  /**
   * The throughput benchmark's stall (issue 3): with concurrency 1,000 the pool grew to 14 share
   * consumers of 100 records; once two partitions were drained, ten consumers waiting on them kept
   * all 1,000 permits through their empty polls, and those of the third partition never fetched its
   * last records. The pool may hold only as many consumers as can each reserve a whole batch.
   */
  @Test
  void everyShareConsumerOfTheLargestPoolCanReserveAWholeBatchAtOnce() {
    for (int prefetch : new int[] {1, 7, 100, 999, 1_000, 1_001, 10_000, 100_000}) {
      for (int partitions : new int[] {1, 3, 8, 20}) {
        var sizing = SubscriptionSizing.of(prefetch, 100, 4, 32, partitions, LOCKS);
        assertThat((long) sizing.maxConsumers() * sizing.recordsPerFetch())
            .as("prefetch %d on %d partitions: %s", prefetch, partitions, sizing)
            .isLessThanOrEqualTo(prefetch);
      }
    }
    assertThat(SubscriptionSizing.of(1000, 100, 4, 32, 3, LOCKS).maxConsumers()).isEqualTo(10);
  }

  @Test
  void recordsPerFetchIsRaisedWhenTheMostConsumersCouldNotHoldThePrefetch() {
    // Defaults on 3 partitions at concurrency 10,000: 32 x 100 would hold only 3,200.
    assertThat(SubscriptionSizing.of(10_000, 100, 4, 32, 3, LOCKS))
        .isEqualTo(new SubscriptionSizing(10_000, 6, 6, 1_666));
    // Two consumers per partition may lock at most 2,000 records each of a partition's 4,000.
    assertThat(SubscriptionSizing.of(100_000, 100, 4, 32, 3, LOCKS))
        .isEqualTo(new SubscriptionSizing(100_000, 6, 32, 2_000));
    // With more locks, the sane cap.
    assertThat(SubscriptionSizing.of(100_000, 100, 4, 32, 3, 100_000))
        .isEqualTo(new SubscriptionSizing(100_000, 6, 20, 5_000));
    // Not raised while the pool can grow to hold the prefetch.
    assertThat(SubscriptionSizing.of(3_000, 100, 4, 32, 3, LOCKS))
        .isEqualTo(new SubscriptionSizing(3_000, 6, 30, 100));
  }

  @Test
  void inconsistentSizesAreRejected() {
    assertThatThrownBy(() -> new SubscriptionSizing(5, 1, 6, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxConsumers 6 <= prefetch 5");
    assertThatThrownBy(() -> new SubscriptionSizing(5, 3, 2, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SubscriptionSizing(5, 1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recordsPerFetch 0");
  }
}
