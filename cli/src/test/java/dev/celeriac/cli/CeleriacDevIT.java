package dev.celeriac.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of the {@code celeriac} command: the shaded jar the build packaged, run as
 * separate processes the way {@code bin/celeriac} runs it.
 */
class CeleriacDevIT {
  private static final Path JAR = Path.of("target", "celeriac.jar");
  private static final Duration START = Duration.ofSeconds(120);
  private static final Pattern CONSOLE_LINE =
      Pattern.compile(
          "^  console    (http://127\\.0\\.0\\.1:\\d+/)  admin token (\\S{32})$",
          Pattern.MULTILINE);

  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void
      devRunsASubmittedTaskShowsItInTheConsoleStopsOnSigintAndKeepsItsDataForTheNextRunStoppedBySigterm()
          throws Exception {
    Path data = dir.resolve("dev-data");
    Path config = data.resolve("dev.properties");

    Process dev = start("dev.out", "dev", "--data-dir", data.toString(), "--fresh");
    awaitReady(dev, "dev.out");
    assertThat(read("dev.out"))
        .contains("  broker     kafka://127.0.0.1:", "  database   jdbc:postgresql://");
    Matcher console = CONSOLE_LINE.matcher(read("dev.out"));
    assertThat(console.find()).as(read("dev.out")).isTrue();
    String url = console.group(1);
    String token = console.group(2);

    Result submitted =
        run(
            "--config",
            config.toString(),
            "submit",
            "reports.summarise",
            "[{\"title\":\"demo\",\"values\":[1,2,3]}]",
            "--wait");
    assertThat(submitted.code()).as(submitted.toString()).isZero();
    assertThat(submitted.out())
        .containsPattern("^[0-9a-f-]{36} SUCCEEDED \\{.*\\}\\n$")
        .contains("\"title\":\"demo\"", "\"count\":3", "\"total\":6.0", "\"mean\":2.0");
    String id = submitted.out().substring(0, 36);

    HttpResponse<String> page = get(url, null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<title>Celeriac console</title>");
    assertThat(get(url + "api/v1/tasks/" + id, null).statusCode()).isEqualTo(401);
    HttpResponse<String> task = get(url + "api/v1/tasks/" + id, token);
    assertThat(task.statusCode()).as(task.body()).isEqualTo(200);
    assertThat(task.body()).contains(id, "SUCCEEDED");

    signal(dev, "INT");
    assertThat(dev.waitFor(60, SECONDS)).as("dev stops after SIGINT").isTrue();
    assertThat(dev.exitValue()).as(read("dev.err")).isZero();
    assertThat(read("dev.out")).endsWith("celeriac dev: stopped\n");

    Process again = start("again.out", "dev", "--data-dir", data.toString());
    awaitReady(again, "again.out");
    Result status = run("--config", config.toString(), "status", id);
    assertThat(status.out()).as(status.toString()).startsWith(id + " SUCCEEDED reports.summarise");

    again.destroy();
    assertThat(again.waitFor(60, SECONDS)).as("dev stops after SIGTERM").isTrue();
    assertThat(again.exitValue()).as(read("again.err")).isZero();
    assertThat(read("again.out")).endsWith("celeriac dev: stopped\n");
  }

  @Test
  void aFailureIsOneLineOnStderrAndOnlyVerboseAddsTheStackTrace() throws Exception {
    String db = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/celeriac";

    Result quiet = run("migrate", "--db", db);
    Result verbose = run("migrate", "--db", db, "--verbose");

    assertThat(quiet.code()).isEqualTo(Main.EXIT_UNAVAILABLE);
    assertThat(quiet.err())
        .isEqualTo("celeriac migrate: cannot reach PostgreSQL at " + db + ": connection refused\n");
    assertThat(verbose.code()).isEqualTo(Main.EXIT_UNAVAILABLE);
    assertThat(verbose.err())
        .startsWith("celeriac migrate: cannot reach PostgreSQL at " + db)
        .contains("java.net.ConnectException", "\tat ");
  }

  @Test
  void helpAndVersionDescribeTheCommand() throws Exception {
    Result help = run("--help");
    Result version = run("--version");

    assertThat(help.code()).isZero();
    assertThat(help.out())
        .contains("dev", "worker", "coordinator", "submit", "status", "inspect", "schedules")
        .contains("migrate", "CELERIAC_<OPTION>");
    assertThat(version.code()).isZero();
    assertThat(version.out()).startsWith("celeriac 0.1.0");
  }

  private static HttpResponse<String> get(String url, @Nullable String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  private Process start(String out, String... args) throws IOException {
    Process process =
        new ProcessBuilder(command(args))
            .directory(dir.toFile())
            .redirectOutput(dir.resolve(out).toFile())
            .redirectError(dir.resolve(out.replace(".out", ".err")).toFile())
            .start();
    started.add(process);
    return process;
  }

  private void awaitReady(Process process, String out) {
    await()
        .atMost(START)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              assertThat(process.isAlive())
                  .as("celeriac dev exited early: " + read(out.replace(".out", ".err")))
                  .isTrue();
              assertThat(read(out)).contains("celeriac dev is ready.");
            });
  }

  private Result run(String... args) throws Exception {
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

  private static void signal(Process process, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
    assertThat(kill.waitFor(10, SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  private String read(String name) throws IOException {
    Path file = dir.resolve(name);
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private record Result(int code, String out, String err) {}
}
