package dev.celeriac.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A worker or coordinator in a JVM of its own, started from this JVM's class path ({@code
 * WorkerMain} or {@code CoordinatorMain}); its output goes to {@code target/faults/<id>.log}. The
 * fault schedule kills it with SIGKILL or stops it with SIGTERM and starts a replacement.
 */
final class ChildJvm implements AutoCloseable {
  // The process's own story at INFO, its libraries' at WARN: what a failed run needs to be read.
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

  final String id;
  private final Process process;
  private final Path log;

  private ChildJvm(String id, Process process, Path log) {
    this.id = id;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code mainClass} with {@code arguments} and the system properties {@code properties}
   * ({@code -Dname=value} strings).
   */
  static ChildJvm start(
      String id, Class<?> mainClass, List<String> properties, List<String> arguments) {
    try {
      Path logs = Files.createDirectories(Path.of("target", "faults"));
      Path log = logs.resolve(id + ".log");
      Path logging = logs.resolve("logback-child.xml");
      if (!Files.exists(logging)) {
        Files.writeString(logging, LOGGING);
      }
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      // Small, quickly started JVMs: the test cares that they do the work, not how fast.
      command.addAll(
          List.of(
              "-Xmx256m",
              "-XX:TieredStopAtLevel=1",
              "-XX:+UseSerialGC",
              "--enable-native-access=ALL-UNNAMED",
              "-Dlogback.configurationFile=" + logging.toAbsolutePath()));
      command.addAll(properties);
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
      command.addAll(arguments);
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new ChildJvm(id, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + id, e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: the process dies at once, holding whatever it held. Waits until it is gone. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGTERM: asks the process to stop cleanly; waits at most {@code patience}, then kills it. */
  void terminate(Duration patience) {
    process.destroy();
    try {
      if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  /** The exit code, or -1 while it runs. */
  int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  /** The last {@code lines} lines the process printed, for failure messages. */
  String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }
}
