package dev.celeriac.store.postgres;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PostgresTaskStoreBuilderTest {

  @Test
  void aStoreNeedsExactlyOneOfAUrlAndADataSource() {
    assertThatThrownBy(() -> PostgresTaskStore.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exactly one of jdbcUrl and dataSource");
  }

  @Test
  void settingsOutOfRangeAreRefusedWithTheirName() {
    var builder = PostgresTaskStore.builder();
    assertThatThrownBy(() -> builder.jdbcUrl("jdbc:mysql://db/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:postgresql:");
    assertThatThrownBy(() -> builder.maxBatchSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBatchSize");
    assertThatThrownBy(() -> builder.poolSize(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("poolSize");
    assertThatThrownBy(() -> builder.resultPollInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resultPollInterval");
  }
}
