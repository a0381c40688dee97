package dev.celeriac.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.api.TaskState;
import dev.celeriac.embedded.junit.IntegrationTest;
import org.junit.jupiter.api.Test;

/** The writer benchmark's operations commit on a real PostgreSQL, as the benchmark measures. */
@IntegrationTest
class WriterBenchmarkIT {

  @Test
  void startAndFinishCommitThroughTheBatchingWriter() {
    var bench = new WriterBenchmark();
    bench.maxBatchSize = 16;
    bench.startStore();
    try {
      bench.countBatches();
      assertThat(bench.start()).isEqualTo(TaskState.STARTED);
      var result = bench.startAndFinish();
      assertThat(result.applied()).isTrue();
      assertThat(result.state()).isEqualTo(TaskState.SUCCEEDED);
      bench.reportBatches();
    } finally {
      bench.stopStore();
    }
  }
}
