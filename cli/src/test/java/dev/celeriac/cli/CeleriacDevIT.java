package dev.celeriac.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of the {@code celeriac} command: the shaded jar the build packaged, run as
 * separate processes the way {@code bin/celeriac} runs it.
 */
class CeleriacDevIT {
  private static final Duration START = Duration.ofSeconds(120);
  private static final Pattern CONSOLE_LINE =
      Pattern.compile(
          "^  console    (http://127\\.0\\.0\\.1:\\d+/)  admin token (\\S{32})$",
          Pattern.MULTILINE);

  @TempDir Path dir;
  private ShadedJar jar;

  @BeforeEach
  void jarIn() {
    jar = new ShadedJar(dir);
  }

  @AfterEach
  void killLeftovers() {
    jar.close();
  }

  @Test
  void
      devRunsASubmittedTaskShowsItInTheConsoleStopsOnSigintAndKeepsItsDataForTheNextRunStoppedBySigterm()
          throws Exception {
    Path data = dir.resolve("dev-data");
    Path config = data.resolve("dev.properties");

    Process dev = jar.start("dev.out", "dev", "--data-dir", data.toString(), "--fresh");
    jar.awaitOutput(dev, "dev.out", "celeriac dev is ready.", START);
    assertThat(jar.read("dev.out"))
        .contains("  broker     kafka://127.0.0.1:", "  database   jdbc:postgresql://");
    Matcher console = CONSOLE_LINE.matcher(jar.read("dev.out"));
    assertThat(console.find()).as(jar.read("dev.out")).isTrue();
    String url = console.group(1);
    String token = console.group(2);

    ShadedJar.Result submitted =
        jar.run(
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

    ShadedJar.signal(dev, "INT");
    assertThat(dev.waitFor(60, SECONDS)).as("dev stops after SIGINT").isTrue();
    assertThat(dev.exitValue()).as(jar.read("dev.err")).isZero();
    assertThat(jar.read("dev.out")).endsWith("celeriac dev: stopped\n");

    Process again = jar.start("again.out", "dev", "--data-dir", data.toString());
    jar.awaitOutput(again, "again.out", "celeriac dev is ready.", START);
    ShadedJar.Result status = jar.run("--config", config.toString(), "status", id);
    assertThat(status.out()).as(status.toString()).startsWith(id + " SUCCEEDED reports.summarise");

    again.destroy();
    assertThat(again.waitFor(60, SECONDS)).as("dev stops after SIGTERM").isTrue();
    assertThat(again.exitValue()).as(jar.read("again.err")).isZero();
    assertThat(jar.read("again.out")).endsWith("celeriac dev: stopped\n");
  }

  @Test
  void aFailureIsOneLineOnStderrAndOnlyVerboseAddsTheStackTrace() throws Exception {
    String db = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/celeriac";

    ShadedJar.Result quiet = jar.run("migrate", "--db", db);
    ShadedJar.Result verbose = jar.run("migrate", "--db", db, "--verbose");

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
    ShadedJar.Result help = jar.run("--help");
    ShadedJar.Result version = jar.run("--version");

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

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
