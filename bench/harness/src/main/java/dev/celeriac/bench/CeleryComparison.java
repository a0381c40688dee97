package dev.celeriac.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 7: Celery on the same RabbitMQ and PostgreSQL, through the contract of {@code
 * bench/celery} ({@code ensure-celery.sh}, then {@code celery_bench.py throughput|latency}, whose
 * last output line is one JSON object). Whatever goes wrong becomes "Celery: not measured (reason)"
 * in the report; it never fails the run.
 */
final class CeleryComparison {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration ENSURE_TIMEOUT = Duration.ofMinutes(5);

  private final Path directory;
  private final Path log;
  private final Duration timeout;

  /**
   * A comparison with the scripts in {@code directory}, logging their output to {@code log}; each
   * script may take {@code timeout}.
   */
  CeleryComparison(Path directory, Path log, Duration timeout) {
    // Absolute: the scripts run with the Celery directory as their working directory.
    this.directory = directory.toAbsolutePath();
    this.log = log;
    this.timeout = timeout;
  }

  /** Thrown when Celery could not be measured; the message is the reason for the report. */
  static final class NotMeasured extends Exception {
    private static final long serialVersionUID = 1L;

    NotMeasured(String reason) {
      super(reason, null, false, false);
    }
  }

  /** Runs {@code ensure-celery.sh}. */
  void ensure() throws NotMeasured {
    Path script = directory.resolve("ensure-celery.sh");
    if (!Files.isRegularFile(script)) {
      throw new NotMeasured(script + " is absent");
    }
    run(List.of("bash", script.toString()), ENSURE_TIMEOUT);
  }

  /** Celery's throughput: {@code tasks_per_s} of each run, with the whole JSON answer. */
  JsonNode throughput(int n, int runs, String amqp, String db) throws NotMeasured {
    JsonNode answer =
        bench(
            "throughput",
            "--n",
            Integer.toString(n),
            "--runs",
            Integer.toString(runs),
            "--amqp",
            amqp,
            "--db",
            db);
    if (!answer.path("runs").isArray() || answer.path("runs").isEmpty()) {
      throw new NotMeasured("celery_bench.py throughput reported no runs: " + answer);
    }
    return answer;
  }

  /** Celery's latency at {@code rate} per second for {@code seconds}. */
  JsonNode latency(double rate, long seconds, String amqp, String db) throws NotMeasured {
    JsonNode answer =
        bench(
            "latency",
            "--rate",
            String.format(Locale.ROOT, "%.1f", rate),
            "--seconds",
            Long.toString(seconds),
            "--amqp",
            amqp,
            "--db",
            db);
    if (!answer.path("p99_ms").isNumber()) {
      throw new NotMeasured("celery_bench.py latency reported no p99_ms: " + answer);
    }
    return answer;
  }

  /** The {@code tasks_per_s} of each run in a throughput answer. */
  static List<Double> tasksPerSecond(JsonNode throughput) {
    List<Double> rates = new ArrayList<>();
    throughput.path("runs").forEach(run -> rates.add(run.path("tasks_per_s").asDouble()));
    return rates;
  }

  private JsonNode bench(String... arguments) throws NotMeasured {
    Path script = directory.resolve("celery_bench.py");
    if (!Files.isRegularFile(script)) {
      throw new NotMeasured(script + " is absent");
    }
    List<String> command = new ArrayList<>(List.of(python(), script.toString()));
    command.addAll(List.of(arguments));
    String output = run(command, timeout);
    String[] lines = output.strip().split("\n");
    String last = lines[lines.length - 1].strip();
    try {
      JsonNode answer = JSON.readTree(last);
      if (answer == null || !answer.isObject()) {
        throw new NotMeasured("the last line of celery_bench.py is not a JSON object: " + last);
      }
      return answer;
    } catch (IOException e) {
      throw new NotMeasured("the last line of celery_bench.py is not JSON: " + abbreviate(last));
    }
  }

  private static String python() {
    return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
  }

  private String run(List<String> command, Duration limit) throws NotMeasured {
    try {
      long before = Files.exists(log) ? Files.size(log) : 0;
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new NotMeasured(
            command.get(command.size() > 1 ? 1 : 0)
                + " did not finish in "
                + limit.toSeconds()
                + " s");
      }
      byte[] all = Files.readAllBytes(log);
      int from = (int) Math.min(before, all.length);
      String output = new String(all, from, all.length - from, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new NotMeasured(
            Path.of(command.get(1)).getFileName()
                + " exited with "
                + process.exitValue()
                + ": "
                + abbreviate(lastLine(output)));
      }
      return output;
    } catch (IOException e) {
      throw new NotMeasured("cannot run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotMeasured("interrupted");
    }
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    return lines[lines.length - 1];
  }

  private static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
