package dev.celeriac.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.BrokerFactory;
import dev.celeriac.console.WebConsole;
import dev.celeriac.coordinator.InvalidScheduleException;
import dev.celeriac.coordinator.ScheduleManager;
import dev.celeriac.coordinator.ScheduleSpec;
import dev.celeriac.coordinator.TaskCatalog;
import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.junit.IntegrationTest;
import dev.celeriac.embedded.junit.TestServices;
import dev.celeriac.store.postgres.PostgresScheduleStore;
import dev.celeriac.store.postgres.PostgresTaskStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9, hostile requests to the console's HTTP API, on a real PostgreSQL store and Kafka broker:
 * megabyte-long strings in the query, the path and the body, path traversal out of the static UI,
 * script in task names and arguments, bad page cursors, malformed bodies on every write endpoint.
 * Each gets a 4xx answer (JSON naming the field where the API reads one), never a 500 or a stack
 * trace, and the console keeps serving. What {@code web-console}'s own tests cover already (wrong
 * types, unknown ids, invalid cron, short malformed bodies) is not repeated here.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleHostileInputIT {
  private static final String MEGABYTE = "a".repeat(1 << 20);

  private PostgresTaskStore store;
  private Broker broker;
  private ScheduleManager schedules;
  private WebConsole console;
  private RawHttp http;
  private final String queue = "hostile-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  void start() {
    PostgresEndpoint db = TestServices.postgres();
    store =
        PostgresTaskStore.builder()
            .jdbcUrl(db.jdbcUrl())
            .user(db.user())
            .password(db.password())
            .build();
    store.migrate();
    store.start();
    broker =
        BrokerFactory.fromServiceLoader()
            .connect("kafka://" + TestServices.kafka().bootstrapServers());
    schedules =
        ScheduleManager.create(
            PostgresScheduleStore.on(store.dataSource()),
            store,
            broker,
            TaskCatalog.of(DoorTasks.class),
            InstantSource.system());
    console =
        WebConsole.builder()
            .store(store)
            .broker(broker)
            .schedules(schedules)
            .port(0)
            .feedInterval(Duration.ofMillis(500))
            .build();
    console.start();
    http = new RawHttp(console.port());
  }

  @AfterAll
  void stop() {
    console.close();
    broker.close();
    store.close();
  }

  /** After every hostile request the console still answers its health check and a listing. */
  @AfterEach
  void consoleKeepsServing() {
    assertThat(http.get("/health").status()).isEqualTo(200);
    RawHttp.Answer list = http.get("/api/v1/tasks?limit=1");
    assertThat(list.status()).as(list.toString()).isEqualTo(200);
  }

  @Test
  void megabyteQueryParameterIsRefusedWithoutAServerError() {
    RawHttp.Answer answer = http.get("/api/v1/tasks?name=" + MEGABYTE);

    assertRefused(answer);
  }

  @Test
  void megabytePathIsRefusedWithoutAServerError() {
    RawHttp.Answer answer = http.get("/api/v1/tasks/" + MEGABYTE);

    assertRefused(answer);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "POST /api/v1/tasks {\"task\":\"doors.echoText\",\"args\":[\"%s\"]}",
        "POST /api/v1/tasks {\"task\":\"%s\"}",
        "POST /api/v1/schedules {\"name\":\"%s\",\"task\":\"doors.echo\",\"cron\":\"0 * * * * *\"}",
        "POST /api/v1/schedules {\"name\":\"s\",\"task\":\"doors.echo\",\"cron\":\"%s\"}",
        "PUT /api/v1/schedules/s {\"task\":\"doors.echo\",\"cron\":\"0 * * * * *\",\"args\":[\"%s\"]}",
        "POST /api/v1/dead-letters/redrive {\"ids\":[\"%s\"]}"
      })
  void megabyteStringInABodyIsRejectedNamingTheBody(String request) {
    String[] parts = request.split(" ", 3);

    RawHttp.Answer answer = http.send(parts[0], parts[1], parts[2].formatted(MEGABYTE));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
    assertThat(answer.header("content-type")).startsWith("application/json");
    assertThat(answer.json().path("field").asText()).isEqualTo("body");
    assertThat(answer.json().path("error").asText()).contains("larger than the console accepts");
    assertNoStackTrace(answer);
  }

  @Test
  void nameAndCronJustUnderTheBodyLimitAreRejectedNamingTheField() {
    String long900k = "a".repeat(900_000);
    RawHttp.Answer name =
        http.post(
            "/api/v1/schedules",
            "{\"name\":\"" + long900k + "\",\"task\":\"doors.echo\",\"cron\":\"0 * * * * *\"}");
    RawHttp.Answer cron =
        http.post(
            "/api/v1/schedules",
            "{\"name\":\"s-" + queue + "\",\"task\":\"doors.echo\",\"cron\":\"" + long900k + "\"}");
    RawHttp.Answer task = http.post("/api/v1/tasks", "{\"task\":\"" + long900k + "\"}");

    assertThat(name.status()).as(name.toString()).isEqualTo(400);
    assertThat(name.json().path("field").asText()).isEqualTo("name");
    assertThat(cron.status()).as(cron.toString()).isEqualTo(400);
    assertThat(cron.json().path("field").asText()).isEqualTo("cron");
    assertThat(task.status()).as(task.toString()).isEqualTo(400);
    assertThat(task.json().path("field").asText()).isEqualTo("task");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "61 * * * * *",
        "0 0 25 * * *",
        "0 0 0 31 2 *",
        "* * * * * * * *",
        "0 0 12 * * MON-",
        "<script>alert(1)</script>"
      })
  void invalidCronIsRejectedByTheApiAndTheScheduleManagerNamingTheCron(String cron) {
    String name = "cron-" + UUID.randomUUID().toString().substring(0, 8);

    RawHttp.Answer answer =
        http.post(
            "/api/v1/schedules",
            "{\"name\":\"" + name + "\",\"task\":\"doors.echo\",\"cron\":\"" + cron + "\"}");

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.json().path("field").asText()).isEqualTo("cron");
    assertThatThrownBy(
            () -> schedules.save(ScheduleSpec.builder(name).task("doors.echo").cron(cron).build()))
        .isInstanceOfSatisfying(
            InvalidScheduleException.class, e -> assertThat(e.field()).isEqualTo("cron"));
    assertThat(schedules.find(name)).as("nothing saved").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/app.js/../../../../etc/passwd",
        "/%252e%252e/%252e%252e/etc/passwd",
        "/..\\..\\etc\\passwd",
        "/../dev/celeriac/console/internal/ConsoleServer.class",
        "/%2e%2e/internal/ConsoleServer.class"
      })
  void pathTraversalNeverServesAFileOutsideTheUi(String target) {
    RawHttp.Answer answer = http.get(target);

    assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
    assertThat(answer.body()).doesNotContain("root:").doesNotContain("\u00ca\u00fe\u00ba\u00be");
    assertNoStackTrace(answer);
  }

  @Test
  void scriptInATaskNameAndItsArgumentsIsStoredAndReturnedAsData() {
    String name = "doors.<script>alert('name')</script>";
    String argument = "<img src=x onerror=alert('arg')>";
    RawHttp.Answer created =
        http.post(
            "/api/v1/tasks",
            "{\"task\":\""
                + name
                + "\",\"queue\":\""
                + queue
                + "\",\"args\":[\""
                + argument
                + "\"]}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().path("id").asText();

    RawHttp.Answer detail = http.get("/api/v1/tasks/" + id);

    assertThat(detail.status()).isEqualTo(200);
    assertThat(detail.header("content-type")).startsWith("application/json");
    JsonNode task = detail.json();
    assertThat(task.path("name").asText()).isEqualTo(name);
    assertThat(task.path("args").get(0).asText()).isEqualTo(argument);
    RawHttp.Answer search =
        http.get("/api/v1/tasks?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    assertThat(search.status()).as(search.toString()).isEqualTo(200);
    assertThat(search.header("content-type")).startsWith("application/json");
    assertThat(search.body()).contains(id);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "%25%25%25",
        "not-base64!",
        "<script>alert(1)</script>",
        "MjAyNi0wMS0wMVQwMDowMDowMFp8bm90LWEtdXVpZA", // "2026-01-01T00:00:00Z|not-a-uuid"
        "bm90LWEtdGltZXxhMWIyYzNkNC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA" // "not-a-time|<uuid>"
      })
  void badPageCursorIsRejectedNamingTheCursor(String cursor) {
    RawHttp.Answer answer =
        http.get("/api/v1/tasks?cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.json().path("field").asText()).isEqualTo("cursor");
  }

  @Test
  void longPageCursorIsRejectedNamingTheCursor() {
    String cursor =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("x".repeat(4_000).getBytes(StandardCharsets.UTF_8));

    RawHttp.Answer answer = http.get("/api/v1/tasks?cursor=" + cursor);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.json().path("field").asText()).isEqualTo("cursor");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "POST /api/v1/tasks",
        "POST /api/v1/schedules",
        "PUT /api/v1/schedules/nightly",
        "POST /api/v1/dead-letters/redrive"
      })
  void malformedJsonOnAWriteEndpointIsRejectedNamingTheBody(String endpoint) {
    String[] parts = endpoint.split(" ");
    for (String body : new String[] {"{", "{\"task\":", "\u0000\u0001", "{\"a\":1}}"}) {
      RawHttp.Answer answer = http.send(parts[0], parts[1], body);

      assertThat(answer.status()).as("%s with %s: %s", endpoint, body, answer).isEqualTo(400);
      assertThat(answer.json().path("field").asText()).isEqualTo("body");
      assertNoStackTrace(answer);
    }
  }

  private static void assertRefused(RawHttp.Answer answer) {
    // Jetty refuses a request line or header this long before the console sees it: 414 or 431.
    assertThat(answer.status()).as(answer.toString()).isIn(414, 431);
    assertNoStackTrace(answer);
  }

  private static void assertNoStackTrace(RawHttp.Answer answer) {
    assertThat(answer.body())
        .doesNotContain("\tat ")
        .doesNotContain("at dev.celeriac")
        .doesNotContain("at org.eclipse")
        .doesNotContain("Exception:");
  }
}
