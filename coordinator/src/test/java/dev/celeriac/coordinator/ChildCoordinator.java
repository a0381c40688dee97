package dev.celeriac.coordinator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A coordinator in its own JVM ({@link CoordinatorMain} on the test class path), on the test
 * database, publishing through a {@link TableBroker}. Its output goes to {@code
 * target/coordinator-processes/<id>.log}.
 */
final class ChildCoordinator implements AutoCloseable {
  final String id;
  private final Process process;

  private ChildCoordinator(String id, Process process) {
    this.id = id;
    this.process = process;
  }

  static ChildCoordinator start(String id, String electionPath, Duration sessionTimeout) {
    var db = TestDatabase.endpoint();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-Xmx192m",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            CoordinatorMain.class.getName(),
            "--zk",
            TestZooKeeper.connectString(),
            "--db-url",
            db.jdbcUrl(),
            "--db-user",
            db.user(),
            "--db-password",
            db.password(),
            "--broker-factory",
            TableBroker.Factory.class.getName(),
            "--broker-url",
            TestDatabase.urlWithCredentials(),
            "--tasks",
            ItTasks.class.getName(),
            "--id",
            id,
            "--session-timeout",
            sessionTimeout.toMillis() + "ms",
            "--election-path",
            electionPath);
    try {
      Path logs = Files.createDirectories(Path.of("target", "coordinator-processes"));
      File log = logs.resolve(id + ".log").toFile();
      Process process =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
      return new ChildCoordinator(id, process);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start coordinator " + id, e);
    }
  }

  /** Kills the process with SIGKILL: no shutdown hook runs, its ZooKeeper session just stops. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("coordinator " + id + " survived SIGKILL");
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the process with SIGTERM (its shutdown hook closes it), or SIGKILL after 30 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
