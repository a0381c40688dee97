package dev.celeriac.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's side of the bench/celery contract, against small fake scripts. */
class CeleryComparisonTest {
  @TempDir Path directory;

  private CeleryComparison comparison() {
    return new CeleryComparison(directory, directory.resolve("celery.log"), Duration.ofSeconds(30));
  }

  private void script(String name, String body) throws Exception {
    Files.writeString(directory.resolve(name), body);
  }

  @Test
  void absentScriptsAreNotMeasuredWithTheReason() {
    assertThatThrownBy(() -> comparison().ensure())
        .isInstanceOf(CeleryComparison.NotMeasured.class)
        .hasMessageEndingWith("ensure-celery.sh is absent");
    assertThatThrownBy(() -> comparison().throughput(10, 1, "amqp://x", "postgresql://y"))
        .hasMessageEndingWith("celery_bench.py is absent");
  }

  @Test
  void aFailingEnsureScriptReportsItsLastLine() throws Exception {
    script("ensure-celery.sh", "echo checking\necho 'python3-celery is missing' >&2\nexit 3\n");

    assertThatThrownBy(() -> comparison().ensure())
        .isInstanceOf(CeleryComparison.NotMeasured.class)
        .hasMessage("ensure-celery.sh exited with 3: python3-celery is missing");
  }

  @Test
  void theLastLineOfTheBenchScriptIsTheAnswer() throws Exception {
    script(
        "celery_bench.py",
        """
        import json, sys
        print("worker starting")
        args = sys.argv[1:]
        if args[0] == "throughput":
            n = int(args[args.index("--n") + 1])
            print(json.dumps({"scenario": "throughput", "n": n, "runs": [
                {"tasks_per_s": 100.0, "submit_per_s": 900.0, "wall_s": n / 100.0},
                {"tasks_per_s": 120.0, "submit_per_s": 950.0, "wall_s": n / 120.0}],
                "versions": {"celery": "5.2.6"}}))
        else:
            print(json.dumps({"scenario": "latency", "rate": float(args[args.index("--rate") + 1]),
                "count": 10, "p50_ms": 5.0, "p95_ms": 9.0, "p99_ms": 12.0, "max_ms": 20.0,
                "versions": {"celery": "5.2.6"}}))
        """);

    JsonNode throughput = comparison().throughput(50, 2, "amqp://x", "postgresql://y");
    JsonNode latency = comparison().latency(55.0, 3, "amqp://x", "postgresql://y");

    assertThat(throughput.path("n").asInt()).isEqualTo(50);
    assertThat(CeleryComparison.tasksPerSecond(throughput)).containsExactly(100.0, 120.0);
    assertThat(latency.path("rate").asDouble()).isEqualTo(55.0);
    assertThat(latency.path("p99_ms").asDouble()).isEqualTo(12.0);
    assertThat(Files.readString(directory.resolve("celery.log"))).contains("worker starting");
  }

  @Test
  void aRelativeDirectoryIsFoundFromTheWorkingDirectory() throws Exception { // bench/celery default
    Path relative = Path.of("target", "celery-fake-" + System.nanoTime());
    Files.createDirectories(relative);
    Files.writeString(relative.resolve("ensure-celery.sh"), "exit 0\n");
    Files.writeString(relative.resolve("celery_bench.py"), "print('{\"p99_ms\": 3.5}')\n");
    var fromRelative =
        new CeleryComparison(relative, directory.resolve("celery.log"), Duration.ofSeconds(30));

    fromRelative.ensure();
    assertThat(fromRelative.latency(10, 1, "amqp://x", "postgresql://y").path("p99_ms").asDouble())
        .isEqualTo(3.5);
  }

  @Test
  void anAnswerThatIsNotJsonIsNotMeasured() throws Exception {
    script("celery_bench.py", "print('done, 500 tasks/s')\n");

    assertThatThrownBy(() -> comparison().throughput(10, 1, "amqp://x", "postgresql://y"))
        .isInstanceOf(CeleryComparison.NotMeasured.class)
        .hasMessage("the last line of celery_bench.py is not JSON: done, 500 tasks/s");
  }

  @Test
  void aScriptThatHangsIsStoppedAtTheTimeout() throws Exception {
    script("celery_bench.py", "import time\ntime.sleep(60)\n");
    var impatient =
        new CeleryComparison(directory, directory.resolve("celery.log"), Duration.ofSeconds(1));

    assertThatThrownBy(() -> impatient.throughput(10, 1, "amqp://x", "postgresql://y"))
        .isInstanceOf(CeleryComparison.NotMeasured.class)
        .hasMessageEndingWith("did not finish in 1 s");
  }
}
