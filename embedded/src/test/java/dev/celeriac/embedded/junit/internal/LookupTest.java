package dev.celeriac.embedded.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LookupTest {
  @Test
  void foundLookupHasTheEndpointAndNoReason() {
    Lookup<String> lookup = Lookup.found("x");
    assertThat(lookup.endpoint()).isEqualTo("x");
    assertThat(lookup.reason()).isEmpty();
  }

  @Test
  void missedLookupNeedsAReason() {
    assertThatThrownBy(() -> Lookup.missed(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("either an endpoint or a reason");
  }
}
