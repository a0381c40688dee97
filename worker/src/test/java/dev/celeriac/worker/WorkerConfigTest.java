package dev.celeriac.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkerConfigTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    WorkerConfig config = WorkerConfig.builder("emails", "default").build();

    assertThat(config.queues()).isEqualTo(Set.of("emails", "default"));
    assertThat(config.concurrency()).isEqualTo(1000);
    assertThat(config.totalConcurrency()).isEqualTo(2000);
    assertThat(config.cpuThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(config.poisonLimit()).isEqualTo(5);
    assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.delayedDispatch()).isEqualTo(DelayedDispatch.ENABLED);
    assertThat(config.dispatchMaxWait()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.workerId()).endsWith("-" + ProcessHandle.current().pid());
  }

  @Test
  void invalidFieldsAreRejectedByName() {
    assertThatThrownBy(() -> WorkerConfig.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queues must name at least one queue");
    assertThatThrownBy(() -> WorkerConfig.builder("q").concurrency(0).build())
        .hasMessage("concurrency must be >= 1, was 0");
    assertThatThrownBy(() -> WorkerConfig.builder("q").poisonLimit(0).build())
        .hasMessage("poisonLimit must be >= 1, was 0");
    assertThatThrownBy(() -> WorkerConfig.builder("q").pollTimeout(Duration.ZERO).build())
        .hasMessage("pollTimeout must be positive, was PT0S");
    assertThatThrownBy(
            () -> WorkerConfig.builder("q").shutdownGrace(Duration.ofSeconds(-1)).build())
        .hasMessage("shutdownGrace must not be negative, was PT-1S");
    assertThatThrownBy(() -> WorkerConfig.builder("q").workerId(" ").build())
        .hasMessage("workerId must not be blank");
    assertThatThrownBy(() -> WorkerConfig.builder("q", " ").build())
        .hasMessageContaining("blank name");
  }
}
