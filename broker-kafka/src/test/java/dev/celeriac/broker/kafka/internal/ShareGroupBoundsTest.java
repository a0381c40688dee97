package dev.celeriac.broker.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShareGroupBoundsTest {
  private final ShareGroupBounds bounds = new ShareGroupBounds(1_000, 60_000, 10, 4_000);

  @Test
  void lockDurationIsClampedIntoTheBrokersBounds() {
    assertThat(bounds.clampLock(Duration.ofMillis(10))).isEqualTo(1_000);
    assertThat(bounds.clampLock(Duration.ofSeconds(30))).isEqualTo(30_000);
    assertThat(bounds.clampLock(Duration.ofMinutes(5))).isEqualTo(60_000);
  }

  @Test
  void boundsAreReadFromBrokerConfigWithKafkaDefaultsForMissingOrBadValues() {
    var read =
        ShareGroupBounds.of(
            Map.of(
                ShareGroupBounds.MIN_LOCK, "1000",
                ShareGroupBounds.MAX_LOCK, "not a number",
                ShareGroupBounds.MAX_DELIVERY_COUNT_LIMIT, " 8 ",
                ShareGroupBounds.MAX_PARTITION_RECORD_LOCKS, "10000"));

    assertThat(read).isEqualTo(new ShareGroupBounds(1_000, 60_000, 8, 10_000));
    assertThat(ShareGroupBounds.of(Map.of())).isEqualTo(ShareGroupBounds.KAFKA_DEFAULTS);
  }

  @Test
  void inconsistentBoundsAreRejected() {
    assertThatThrownBy(() -> new ShareGroupBounds(5_000, 1_000, 10, 4_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("min <= max");
    assertThatThrownBy(() -> new ShareGroupBounds(1_000, 5_000, 1, 4_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxDeliveryCountLimit");
    assertThatThrownBy(() -> new ShareGroupBounds(1_000, 5_000, 10, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxPartitionRecordLocks");
  }
}
