package dev.celeriac.embedded.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {
  @Test
  void ciIsOnlyTrueWhenTheVariableSaysTrue() {
    assertThat(Environment.of(Map.of("CI", "true")).ci()).isTrue();
    assertThat(Environment.of(Map.of("CI", "TRUE")).ci()).isTrue();
    assertThat(Environment.of(Map.of("CI", "1")).ci()).isFalse();
    assertThat(Environment.of(Map.of()).ci()).isFalse();
  }

  @Test
  void nonBlankStripsValuesAndTreatsBlankAsUnset() {
    var environment = Environment.of(Map.of("A", "  x  ", "B", " "));
    assertThat(environment.nonBlank("A")).isEqualTo("x");
    assertThat(environment.nonBlank("B")).isNull();
    assertThat(environment.nonBlank("C")).isNull();
  }
}
