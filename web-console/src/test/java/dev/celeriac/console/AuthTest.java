package dev.celeriac.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.celeriac.api.TaskId;
import dev.celeriac.console.ConsoleHttp.Answer;
import dev.celeriac.testing.InMemoryBroker;
import dev.celeriac.testing.InMemoryTaskStore;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tokens and roles: 401 without a valid token, 403 for a viewer's action (issue 6). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthTest {
  private ConsoleFixture fixture;
  private ConsoleHttp anonymous;
  private ConsoleHttp viewer;
  private ConsoleHttp admin;

  @BeforeAll
  void start() {
    fixture = ConsoleFixture.inMemoryWithTokens();
    admin = fixture.admin;
    anonymous = admin.as(null);
    viewer = admin.as(ConsoleFixture.VIEWER);
  }

  @AfterAll
  void stop() {
    fixture.close();
  }

  @ParameterizedTest(name = "GET {0}")
  @CsvSource({
    "/api/v1/tasks",
    "/api/v1/workers",
    "/api/v1/queues",
    "/api/v1/schedules",
    "/api/v1/dead-letters",
    "/api/v1/stats",
    "/api/v1/openapi.json",
    "/metrics"
  })
  void readingNeedsAToken(String path) {
    assertThat(anonymous.get(path).status()).isEqualTo(401);
    assertThat(admin.as("wrong-token-0123456789").get(path).status()).isEqualTo(401);
    assertThat(viewer.get(path).status()).isEqualTo(200);
    assertThat(admin.get(path).status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "POST|/api/v1/tasks|{\"task\":\"console.echo\",\"args\":[\"a\"]}",
        "POST|/api/v1/tasks/{task}/revoke|",
        "POST|/api/v1/tasks/{task}/revoke|{\"terminate\":true}",
        "POST|/api/v1/tasks/{task}/retry|",
        "POST|/api/v1/dead-letters/1/redrive|",
        "POST|/api/v1/dead-letters/redrive|{\"ids\":[1]}",
        "DELETE|/api/v1/dead-letters/1|",
        "POST|/api/v1/schedules|{\"name\":\"auth\",\"task\":\"console.echo\",\"cron\":\"0 * * * * *\"}",
        "PUT|/api/v1/schedules/auth|{\"task\":\"console.echo\",\"cron\":\"0 * * * * *\"}",
        "DELETE|/api/v1/schedules/auth|",
        "POST|/api/v1/schedules/auth/pause|",
        "POST|/api/v1/schedules/auth/resume|",
        "POST|/api/v1/schedules/auth/run|"
      })
  void actingNeedsAnAdminToken(String method, String path, String body) {
    String concrete = path.replace("{task}", TaskId.generate().toString());

    Answer none = anonymous.send(method, concrete, body);
    Answer asViewer = viewer.send(method, concrete, body);
    Answer asAdmin = admin.send(method, concrete, body);

    assertThat(none.status()).isEqualTo(401);
    assertThat(none.get("error").asText()).contains("bearer token");
    assertThat(asViewer.status()).isEqualTo(403);
    assertThat(asViewer.get("error").asText()).contains("admin");
    assertThat(asAdmin.status()).isNotIn(401, 403);
  }

  @Test
  void healthAndTheUiArePublic() {
    assertThat(anonymous.get("/health").status()).isEqualTo(200);
    Answer page = anonymous.get("/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text()).contains("<title>Celeriac console</title>");
  }

  @Test
  void aMalformedAuthorizationHeaderIsRejected() {
    Answer answer = anonymous.send("GET", "/api/v1/tasks", null);
    assertThat(answer.status()).isEqualTo(401);
    assertThat(admin.as("").get("/api/v1/tasks").status()).isEqualTo(401);
  }

  @Test
  void withoutTokensTheConsoleRefusesToBindBeyondLocalhost() {
    try (var store = new InMemoryTaskStore();
        var broker = new InMemoryBroker()) {
      assertThatThrownBy(
              () -> WebConsole.builder().store(store).broker(broker).host("0.0.0.0").build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("localhost only")
          .hasMessageContaining(ConsoleTokens.TOKENS_ENV);
    }
  }

  @Test
  void withoutTokensALocalCallerMayActWithoutAToken() {
    try (var open = ConsoleFixture.open(new InMemoryTaskStore(), new InMemoryBroker())) {
      assertThat(open.console.url()).startsWith("http://127.0.0.1:");
      assertThat(open.admin.post("/api/v1/tasks", "{\"task\":\"console.echo\"}").status())
          .isEqualTo(201);
    }
  }

  @Test
  void tokensComeFromTheEnvironmentWithHostAndPort() {
    try (var store = new InMemoryTaskStore();
        var broker = new InMemoryBroker()) {
      WebConsole console =
          WebConsole.builder()
              .store(store)
              .broker(broker)
              .environment(
                  Map.of(
                      ConsoleTokens.TOKENS_ENV, "viewer:" + ConsoleFixture.VIEWER,
                      WebConsole.HOST_ENV, "127.0.0.1",
                      WebConsole.PORT_ENV, "0"))
              .build();
      console.start();
      try {
        ConsoleHttp http = new ConsoleHttp(console.url(), ConsoleFixture.VIEWER);
        assertThat(http.get("/api/v1/tasks").status()).isEqualTo(200);
        assertThat(http.post("/api/v1/tasks", "{\"task\":\"a\"}").status()).isEqualTo(403);
      } finally {
        console.close();
      }
    }
  }

  @Test
  void aServerErrorAnswers500WithoutAStackTrace() {
    var store = new InMemoryTaskStore();
    try (var broken = ConsoleFixture.open(store, new InMemoryBroker())) {
      store.close(); // every later store call throws IllegalStateException

      Answer answer = broken.admin.get("/api/v1/tasks");

      assertThat(answer.status()).isEqualTo(500);
      assertThat(answer.get("error").asText()).contains("internal error");
      assertThat(answer.text()).doesNotContain("at dev.celeriac").doesNotContain("closed");
    }
  }
}
