package dev.celeriac.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.worker.DeliveryOutcome;
import org.junit.jupiter.api.Test;

/**
 * Each in-memory benchmark does once what it claims to measure, so a change in the code it drives
 * breaks the build rather than silently measuring something else.
 */
class BenchmarksTest {

  @Test
  void codecBenchmarkRoundTripsSmallAndTenKibiByteEnvelopes() {
    for (String size : new String[] {"small", "10KiB"}) {
      var bench = new CodecBenchmark();
      bench.args = size;
      bench.prepare();

      byte[] encoded = bench.encode();
      assertThat(new TaskMessageCodec().decode(encoded)).isEqualTo(bench.decode());
      assertThat(bench.decode().task()).isEqualTo("bench.order");
      if (size.equals("small")) {
        assertThat(encoded.length).isBetween(100, 512);
      } else {
        assertThat(encoded.length).isBetween(10 * 1024, 11 * 1024);
      }
    }
  }

  @Test
  void codecBenchmarkRefusesAnUnknownSize() {
    var bench = new CodecBenchmark();
    bench.args = "huge";

    assertThatThrownBy(bench::prepare).hasMessageContaining("unknown args size: huge");
  }

  @Test
  void dispatchBenchmarkRunsEachNoOpTaskToAnAcknowledgedSuccess() {
    var bench = new DispatchBenchmark();
    bench.startWorker();
    try {
      for (int i = 0; i < 3; i++) {
        assertThat(bench.noOpTask()).isEqualTo(DeliveryOutcome.SUCCEEDED);
      }
    } finally {
      bench.stopWorker();
    }
  }
}
