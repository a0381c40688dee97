package dev.celeriac.worker.e2e;

import dev.celeriac.worker.WorkerMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A worker in a JVM of its own: {@code java -cp <this JVM's class path> WorkerMain --broker … --db
 * … --tasks E2eTasks --queues …}. {@link java.util.ServiceLoader} finds the broker and store
 * factories on that class path. Its output goes to {@code target/e2e-workers/<id>.log}.
 */
final class WorkerProcess implements AutoCloseable {
  // The worker's own story at INFO, its libraries' at WARN: what a failed test needs to be read.
  private static final String LOGGING =
      """
      <configuration>
        <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
          <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n</pattern></encoder>
        </appender>
        <logger name="dev.celeriac" level="INFO"/>
        <root level="WARN"><appender-ref ref="OUT"/></root>
      </configuration>
      """;

  private final String workerId;
  private final Process process;
  private final Path log;

  private WorkerProcess(String workerId, Process process, Path log) {
    this.workerId = workerId;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts a worker process of {@code queue} in consumer group {@code group} with {@link E2eTasks},
   * {@code concurrency} tasks at once and a SIGTERM grace of {@code grace}.
   */
  static WorkerProcess start(
      String workerId,
      String brokerUrl,
      String queue,
      String group,
      int concurrency,
      Duration grace)
      throws IOException {
    Path logs = Files.createDirectories(Path.of("target", "e2e-workers"));
    Path log = logs.resolve(workerId + ".log");
    Path logging = logs.resolve("logback-worker.xml");
    Files.writeString(logging, LOGGING);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A small, quickly started JVM: the tests care that it runs the tasks, not how fast.
    command.addAll(
        List.of(
            "-Xmx512m",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "--enable-native-access=ALL-UNNAMED",
            "-Dlogback.configurationFile=" + logging.toAbsolutePath(),
            "-cp",
            System.getProperty("java.class.path"),
            WorkerMain.class.getName(),
            "--broker",
            brokerUrl,
            "--db",
            E2eDatabase.processUrl(),
            "--tasks",
            E2eTasks.class.getName(),
            "--queues",
            queue,
            "--concurrency",
            Integer.toString(concurrency),
            "--grace",
            grace.toMillis() + "ms",
            "--worker-id",
            workerId,
            "--group",
            group));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new WorkerProcess(workerId, process, log);
  }

  String workerId() {
    return workerId;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: the process dies at once, holding whatever it held. Waits until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM: asks the worker to drain and stop. Does not wait. */
  void terminate() {
    process.destroy();
  }

  /** Waits at most {@code timeout} for the process to end; true if it did. */
  boolean awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** What the process printed so far, for failure messages. */
  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** Kills the process if it still runs. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
