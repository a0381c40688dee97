package dev.celeriac.broker.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubscriptionSizingTest {

  private static final int LOCKS = 4_000;

  @Test
  void eachShareConsumerFetchesThePrefetchDividedByTheFirstConsumersUpToTheCap() {
    assertThat(SubscriptionSizing.of(1000, 100, 4, 32, 1, LOCKS))
        .isEqualTo(new SubscriptionSizing(1000, 4, 32, 100));
    assertThat(SubscriptionSizing.of(100, 100, 4, 32, 1, LOCKS))
        .isEqualTo(new SubscriptionSizing(100, 4, 32, 25));
    assertThat(SubscriptionSizing.of(50, 100, 4, 32, 1, LOCKS))
        .isEqualTo(new SubscriptionSizing(50, 4, 32, 12));
    assertThat(SubscriptionSizing.of(10_000, 1_000, 16, 32, 8, LOCKS))
        .isEqualTo(new SubscriptionSizing(10_000, 16, 32, 625));
  }

  @Test
  void theFirstShareConsumersAreAMultipleOfThePartitionsAndAtLeastTwiceThem() {
    var sizing = SubscriptionSizing.of(1000, 100, 4, 32, 3, LOCKS);
    assertThat(sizing).isEqualTo(new SubscriptionSizing(1000, 6, 32, 100));
    assertThat(sizing.sharesEveryPartition(3)).isTrue();
    assertThat(SubscriptionSizing.of(1000, 100, 7, 32, 3, LOCKS))
        .isEqualTo(new SubscriptionSizing(1000, 9, 32, 100));
    assertThat(SubscriptionSizing.of(1000, 100, 4, 32, 6, LOCKS))
        .isEqualTo(new SubscriptionSizing(1000, 12, 32, 83));

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

  @Test
  void recordsPerFetchIsRaisedWhenTheMostConsumersCouldNotHoldThePrefetch() {
    // Defaults on 3 partitions at concurrency 10,000: 32 x 100 would hold only 3,200.
    assertThat(SubscriptionSizing.of(10_000, 100, 4, 32, 3, LOCKS))
        .isEqualTo(new SubscriptionSizing(10_000, 6, 32, 1_666));
    // Two consumers per partition may lock at most 2,000 records each of a partition's 4,000.
    assertThat(SubscriptionSizing.of(100_000, 100, 4, 32, 3, LOCKS))
        .isEqualTo(new SubscriptionSizing(100_000, 6, 32, 2_000));
    // With more locks, the sane cap.
    assertThat(SubscriptionSizing.of(100_000, 100, 4, 32, 3, 100_000))
        .isEqualTo(new SubscriptionSizing(100_000, 6, 32, 5_000));
    // Not raised while the pool can grow to hold the prefetch.
    assertThat(SubscriptionSizing.of(3_000, 100, 4, 32, 3, LOCKS))
        .isEqualTo(new SubscriptionSizing(3_000, 6, 32, 100));
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
