package dev.celeriac.embedded.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedServiceTest {
  @Test
  void discoversOnFirstUseOnlyAndThenReturnsTheSameEndpoint() {
    var discoveries = new AtomicInteger();
    var shared = new SharedService<>(() -> "endpoint-" + discoveries.incrementAndGet());

    assertThat(discoveries).hasValue(0);
    assertThat(shared.get()).isEqualTo("endpoint-1");
    assertThat(shared.get()).isEqualTo("endpoint-1");
    assertThat(discoveries).hasValue(1);
  }

  @Test
  void failedDiscoveryIsTriedAgainByTheNextCaller() {
    var attempts = new AtomicInteger();
    var shared =
        new SharedService<>(
            () -> {
              if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("server did not start");
              }
              return "endpoint";
            });

    assertThatThrownBy(shared::get).hasMessage("server did not start");
    assertThat(shared.get()).isEqualTo("endpoint");
  }
}
