package dev.celeriac.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SummaryTest {

  @Test
  void oddCountHasTheMiddleValueAsMedianAndNumpyQuartiles() {
    Summary summary = Summary.of(List.of(5.0, 1.0, 3.0, 9.0, 7.0));

    assertThat(summary.median()).isEqualTo(5.0);
    assertThat(summary.min()).isEqualTo(1.0);
    assertThat(summary.max()).isEqualTo(9.0);
    assertThat(summary.q1()).isEqualTo(3.0);
    assertThat(summary.q3()).isEqualTo(7.0);
    assertThat(summary.runs()).isEqualTo(5);
  }

  @Test
  void evenCountAveragesTheTwoMiddleValuesAndInterpolatesQuartiles() {
    // numpy.percentile([1, 2, 4, 10], [25, 50, 75]) == [1.75, 3.0, 5.5]
    Summary summary = Summary.of(List.of(10.0, 4.0, 2.0, 1.0));

    assertThat(summary.median()).isEqualTo(3.0);
    assertThat(summary.q1()).isCloseTo(1.75, within(1e-12));
    assertThat(summary.q3()).isCloseTo(5.5, within(1e-12));
  }

  @Test
  void oneRunIsItsOwnMedianAndSpread() {
    Summary summary = Summary.of(List.of(42.0));

    assertThat(summary).isEqualTo(new Summary(42.0, 42.0, 42.0, 42.0, 42.0, 1));
  }

  @Test
  void noValuesOrNonFiniteValuesAreRefusedWithTheReason() {
    assertThatThrownBy(() -> Summary.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one value");
    assertThatThrownBy(() -> Summary.of(List.of(1.0, Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void medianSplitsRandomValuesInHalvesWhateverTheirOrder(long seed) {
    Random random = new Random(seed);
    List<Double> values = new ArrayList<>();
    int count = 1 + random.nextInt(40);
    for (int i = 0; i < count; i++) {
      values.add(random.nextDouble() * 1000);
    }
    Summary summary = Summary.of(values);
    Collections.shuffle(values, random);

    assertThat(Summary.of(values)).isEqualTo(summary);
    long below = values.stream().filter(v -> v < summary.median()).count();
    long above = values.stream().filter(v -> v > summary.median()).count();
    assertThat(below).isEqualTo(above);
    assertThat(summary.min()).isLessThanOrEqualTo(summary.q1());
    assertThat(summary.q1()).isLessThanOrEqualTo(summary.median());
    assertThat(summary.median()).isLessThanOrEqualTo(summary.q3());
    assertThat(summary.q3()).isLessThanOrEqualTo(summary.max());
  }
}
