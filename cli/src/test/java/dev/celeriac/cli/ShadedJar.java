package dev.celeriac.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The shaded jar the build packaged, run as separate processes in one directory the way {@code
 * bin/celeriac} runs it; {@link #close()} kills whatever is still running.
 */
final class ShadedJar implements AutoCloseable {
  private static final Path JAR = Path.of("target", "celeriac.jar");

  private final Path dir;
  private final List<Process> started = new ArrayList<>();

  ShadedJar(Path dir) {
    this.dir = dir;
  }

  /** Starts {@code celeriac ARGS}, its output to {@code out} and its errors to the .err beside. */
  Process start(String out, String... args) throws IOException {
    Process process =
        new ProcessBuilder(command(args))
            .directory(dir.toFile())
            .redirectOutput(dir.resolve(out).toFile())
            .redirectError(dir.resolve(errorsOf(out)).toFile())
            .start();
    started.add(process);
    return process;
  }

  /** Waits until the process started with {@code out} printed {@code text}, failing if it exits. */
  void awaitOutput(Process process, String out, String text, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              assertThat(process.isAlive())
                  .as("celeriac exited early: " + read(out) + read(errorsOf(out)))
                  .isTrue();
              assertThat(read(out)).contains(text);
            });
  }

  /** Runs {@code celeriac ARGS} to its end. */
  Result run(String... args) throws Exception {
    Path out = Files.createTempFile(dir, "run", ".out");
    Path err = Files.createTempFile(dir, "run", ".err");
    Process process =
        new ProcessBuilder(command(args))
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    started.add(process);
    assertThat(process.waitFor(90, SECONDS)).as("celeriac " + String.join(" ", args)).isTrue();
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Sends {@code signal} (such as INT or TERM) to the process. */
  static void signal(Process process, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
    assertThat(kill.waitFor(10, SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  /** What the file {@code name} in the directory holds, or "" if it does not exist yet. */
  String read(String name) throws IOException {
    Path file = dir.resolve(name);
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  static String errorsOf(String out) {
    return out.replace(".out", ".err");
  }

  @Override
  public void close() {
    started.forEach(Process::destroyForcibly);
  }

  private static List<String> command(String... args) {
    assertThat(JAR).as("the shaded jar, built in the package phase").isRegularFile();
    List<String> command = new ArrayList<>();
    // A build started in the background of a non-interactive shell inherits SIGINT as ignored,
    // and a JVM cannot catch a signal ignored at its start; reset it so Ctrl-C is what a person's
    // terminal would send.
    command.add("env");
    command.add("--default-signal=INT");
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-jar");
    command.add(JAR.toAbsolutePath().toString());
    command.addAll(List.of(args));
    return command;
  }

  record Result(int code, String out, String err) {}
}
