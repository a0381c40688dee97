package dev.celeriac.broker.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubscriptionSizingTest {

  @Test
  void eachShareConsumerFetchesThePrefetchDividedByTheFirstConsumersUpToTheCap() {
    assertThat(SubscriptionSizing.of(1000, 100, 4, 32))
        .isEqualTo(new SubscriptionSizing(1000, 4, 32, 100));
    assertThat(SubscriptionSizing.of(100, 100, 4, 32))
        .isEqualTo(new SubscriptionSizing(100, 4, 32, 25));
    assertThat(SubscriptionSizing.of(50, 100, 4, 32))
        .isEqualTo(new SubscriptionSizing(50, 4, 32, 13));
  }

  @Test
  void aSmallPrefetchGetsNoMoreShareConsumersThanRecords() {
    assertThat(SubscriptionSizing.of(10, 100, 4, 32))
        .isEqualTo(new SubscriptionSizing(10, 4, 10, 3));
    assertThat(SubscriptionSizing.of(3, 100, 4, 32)).isEqualTo(new SubscriptionSizing(3, 3, 3, 1));
    assertThat(SubscriptionSizing.of(1, 100, 4, 32)).isEqualTo(new SubscriptionSizing(1, 1, 1, 1));
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
