package dev.celeriac.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.DeadLetter;
import dev.celeriac.api.spi.TaskCompletion;
import dev.celeriac.api.spi.WorkerHeartbeat;
import dev.celeriac.console.ConsoleHttp.Answer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Workers, queues, dead letters, schedules, stats, events, metrics, health, OpenAPI (issue 6). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsApiTest {
  private ConsoleFixture fixture;
  private ConsoleHttp api;

  @BeforeAll
  void start() {
    fixture = ConsoleFixture.inMemoryWithTokens();
    api = fixture.admin;
  }

  @AfterAll
  void stop() {
    fixture.close();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  // --- workers and queues --------------------------------------------------------------------

  @Test
  void workersAreListedFromHeartbeatsAndAnOldHeartbeatIsMarkedStale() {
    Instant now = Instant.now();
    String live = unique("live");
    String stale = unique("stale");
    fixture.store.recordHeartbeat(beat(live, now)).join();
    fixture.store.recordHeartbeat(beat(stale, now.minus(Duration.ofMinutes(5)))).join();

    JsonNode workers = api.get("/api/v1/workers").get("workers");

    assertThat(worker(workers, live).path("stale").asBoolean()).isFalse();
    assertThat(worker(workers, live).path("inFlight").asInt()).isEqualTo(3);
    assertThat(worker(workers, live).path("queues").toString())
        .isEqualTo("[\"default\",\"emails\"]");
    assertThat(worker(workers, stale).path("stale").asBoolean()).isTrue();
  }

  @Test
  void queuesShowTheBrokersDepthAndTheirLiveWorkers() {
    String queue = unique("depth");
    fixture.store.recordHeartbeat(beat(unique("w"), Instant.now(), queue)).join();
    for (int i = 0; i < 3; i++) {
      assertThat(
              api.post(
                      "/api/v1/tasks",
                      "{\"task\":\"console.echo\",\"args\":[\"d\"],\"queue\":\"" + queue + "\"}")
                  .status())
          .isEqualTo(201);
    }

    Answer answer = api.get("/api/v1/queues");

    assertThat(answer.get("depthSupported").asBoolean()).isTrue();
    JsonNode row = find(answer.get("queues"), "name", queue);
    assertThat(row.path("depth").asLong()).isEqualTo(3);
    assertThat(row.path("partitions").isArray()).isTrue();
    assertThat(row.path("workers").asInt()).isEqualTo(1);
    assertThat(row.path("concurrency").asInt()).isEqualTo(10);
  }

  @Test
  void queuesShowSubmittedAndCompletedPerSecondOverTheWindow() { // #6
    String queue = unique("rates");
    for (int i = 0; i < 3; i++) {
      TaskMessage m = fixture.submittedTo(unique("rates.task"), queue);
      if (i == 0) {
        fixture.store.recordStarted(m, "worker-1", Instant.now()).join();
        fixture
            .store
            .recordFinished(
                TaskCompletion.succeeded(
                    m.id(), 1, JsonNodeFactory.instance.nullNode(), Instant.now(), "worker-1"))
            .join();
      }
    }

    JsonNode perMinute = find(api.get("/api/v1/queues").get("queues"), "name", queue);
    Answer halfMinute = api.get("/api/v1/queues?window=30s");

    assertThat(perMinute.path("submittedPerSecond").asDouble()).isEqualTo(3 / 60.0);
    assertThat(perMinute.path("completedPerSecond").asDouble()).isEqualTo(1 / 60.0);
    assertThat(halfMinute.get("window").asText()).isEqualTo("PT30S");
    assertThat(find(halfMinute.get("queues"), "name", queue).path("submittedPerSecond").asDouble())
        .isEqualTo(3 / 30.0);
  }

  @ParameterizedTest(name = "window={0} -> 400")
  @CsvSource({"5s", "2h", "soon"})
  void invalidQueueRateWindowIsRejectedNamingIt(String window) {
    Answer answer = api.get("/api/v1/queues?window=" + window);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.get("field").asText()).isEqualTo("window");
  }

  // --- dead letters -------------------------------------------------------------------------

  @Test
  void deadLetterIsListedReDrivenAsANewTaskAndThenGoneFromTheList() {
    TaskMessage message = fixture.submitted(unique("dead.task"));
    long id = deadLetter(new TaskMessageCodec().encode(message));

    JsonNode listed =
        find(api.get("/api/v1/dead-letters").get("deadLetters"), "id", Long.toString(id));
    assertThat(listed.path("taskId").asText()).isEqualTo(message.id().toString());
    assertThat(listed.path("reason").asText()).contains("no such task");

    Answer redriven = api.post("/api/v1/dead-letters/" + id + "/redrive", null);
    assertThat(redriven.status()).isEqualTo(201);
    assertThat(redriven.get("retryOf").asText()).isEqualTo(message.id().toString());
    JsonNode copy = api.get("/api/v1/tasks/" + redriven.get("id").asText()).json();
    assertThat(copy.path("name").asText()).isEqualTo(message.task());
    assertThat(copy.path("args")).isEqualTo(message.args());
    assertThat(ids(api.get("/api/v1/dead-letters").get("deadLetters"))).doesNotContain(id);
    assertThat(api.post("/api/v1/dead-letters/" + id + "/redrive", null).status()).isEqualTo(409);
  }

  @Test
  void unreadableDeadLetterCannotBeReDrivenButCanBeDiscarded() {
    long id = deadLetter("not a message".getBytes(StandardCharsets.UTF_8));

    Answer refused = api.post("/api/v1/dead-letters/" + id + "/redrive", null);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.get("error").asText()).contains("not a readable task message");

    assertThat(api.delete("/api/v1/dead-letters/" + id).status()).isEqualTo(204);
    assertThat(api.delete("/api/v1/dead-letters/" + id).status()).isEqualTo(404);
    assertThat(ids(api.get("/api/v1/dead-letters").get("deadLetters"))).doesNotContain(id);
  }

  @Test
  void manyDeadLettersAreReDrivenInOneCallEachWithItsOwnOutcome() {
    long good = deadLetter(new TaskMessageCodec().encode(fixture.submitted(unique("batch"))));
    long bad = deadLetter(new byte[] {1, 2, 3});

    Answer answer =
        api.post("/api/v1/dead-letters/redrive", "{\"ids\":[" + good + "," + bad + ",999999]}");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode results = answer.get("results");
    assertThat(results.get(0).path("deadLetterId").asLong()).isEqualTo(good);
    assertThat(results.get(0).path("id").asText()).isNotBlank();
    assertThat(results.get(1).path("status").asInt()).isEqualTo(409);
    assertThat(results.get(2).path("status").asInt()).isEqualTo(404);
  }

  @ParameterizedTest(name = "{0} {1} {2} -> 400 naming {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "POST|/api/v1/dead-letters/abc/redrive||id",
        "POST|/api/v1/dead-letters/0/redrive||id",
        "DELETE|/api/v1/dead-letters/-4||id",
        "POST|/api/v1/dead-letters/redrive|{\"ids\":[]}|ids",
        "POST|/api/v1/dead-letters/redrive|{\"ids\":[\"x\"]}|ids",
        "POST|/api/v1/dead-letters/redrive|{}|ids",
        "GET|/api/v1/dead-letters?limit=0||limit"
      })
  void invalidDeadLetterRequestIsRejectedNamingTheField(
      String method, String path, String body, String field) {
    Answer answer = api.send(method, path, body);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.get("field").asText()).isEqualTo(field);
  }

  // --- schedules ----------------------------------------------------------------------------

  @Test
  void scheduleIsCreatedWithItsNextFireTimePausedResumedRunEditedAndDeleted() {
    String name = unique("nightly");
    Answer created =
        api.post(
            "/api/v1/schedules",
            "{\"name\":\""
                + name
                + "\",\"task\":\"console.echo\",\"cron\":\"0 30 2 * * *\","
                + "\"zone\":\"Europe/Berlin\",\"args\":[\"n\"]}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(Instant.parse(created.get("nextFireTime").asText())).isAfter(Instant.now());
    assertThat(find(api.get("/api/v1/schedules").get("schedules"), "name", name)).isNotNull();

    assertThat(api.post("/api/v1/schedules/" + name + "/pause", null).get("paused").asBoolean())
        .isTrue();
    assertThat(api.post("/api/v1/schedules/" + name + "/resume", null).get("paused").asBoolean())
        .isFalse();

    Answer run = api.post("/api/v1/schedules/" + name + "/run", null);
    assertThat(run.status()).isEqualTo(201);
    assertThat(api.get("/api/v1/tasks/" + run.get("id").asText()).get("name").asText())
        .isEqualTo("console.echo");

    Answer edited =
        api.put(
            "/api/v1/schedules/" + name,
            "{\"task\":\"console.echo\",\"cron\":\"0 0 * * * *\",\"args\":[\"e\"]}");
    assertThat(edited.status()).isEqualTo(200);
    assertThat(edited.get("cron").asText()).isEqualTo("0 0 * * * *");
    assertThat(edited.get("zone").asText()).isEqualTo("UTC");

    assertThat(api.delete("/api/v1/schedules/" + name).status()).isEqualTo(204);
    assertThat(api.get("/api/v1/schedules/" + name).status()).isEqualTo(404);
  }

  @ParameterizedTest(name = "{0} -> 400 naming {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"task\":\"console.echo\",\"cron\":\"0 * * * * *\"}|name",
        "{\"name\":\" padded \",\"task\":\"console.echo\",\"cron\":\"0 * * * * *\"}|name",
        "{\"name\":\"s\",\"cron\":\"0 * * * * *\"}|task",
        "{\"name\":\"s\",\"task\":\"no.such.task\",\"cron\":\"0 * * * * *\"}|task",
        "{\"name\":\"s\",\"task\":\"console.echo\"}|cron",
        "{\"name\":\"s\",\"task\":\"console.echo\",\"cron\":\"every minute\"}|cron",
        "{\"name\":\"s\",\"task\":\"console.echo\",\"cron\":\"0 * * * * *\",\"zone\":\"Mars/Base\"}|zone",
        "{\"name\":\"s\",\"task\":\"console.echo\",\"cron\":\"0 * * * * *\",\"misfirePolicy\":\"RETRY\"}|misfirePolicy",
        "{\"name\":\"s\",\"task\":\"console.echo\",\"cron\":\"0 * * * * *\",\"args\":\"x\"}|args",
        "{\"name\":\"s\",\"task\":\"console.echo\",\"cron\":\"0 * * * * *\",\"priority\":11}|priority",
        "{\"name\":\"s\",\"task\":\"console.echo\",\"cron\":\"0 * * * * *\",\"queue\":\" \"}|queue"
      })
  void invalidScheduleIsRejectedNamingTheField(String body, String field) {
    Answer answer = api.post("/api/v1/schedules", body);

    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    assertThat(answer.get("field").asText()).isEqualTo(field);
  }

  @Test
  void duplicateScheduleIsAConflictAndRenamingThroughEditIsRefused() {
    String name = unique("dup");
    String body = "{\"name\":\"" + name + "\",\"task\":\"console.echo\",\"cron\":\"0 * * * * *\"}";
    assertThat(api.post("/api/v1/schedules", body).status()).isEqualTo(201);

    assertThat(api.post("/api/v1/schedules", body).status()).isEqualTo(409);
    Answer rename =
        api.put(
            "/api/v1/schedules/" + name,
            "{\"name\":\"other\",\"task\":\"console.echo\",\"cron\":\"0 * * * * *\"}");
    assertThat(rename.status()).isEqualTo(400);
    assertThat(rename.get("field").asText()).isEqualTo("name");
  }

  @ParameterizedTest(name = "{0} {1} of an unknown schedule -> 404")
  @CsvSource({"POST, /pause", "POST, /resume", "POST, /run", "DELETE, ''", "GET, ''"})
  void actionOnAnUnknownScheduleIs404(String method, String suffix) {
    Answer answer = api.send(method, "/api/v1/schedules/" + unique("ghost") + suffix, null);

    assertThat(answer.status()).isEqualTo(404);
  }

  @Test
  void editOfAnUnknownScheduleIs404() {
    Answer answer =
        api.put(
            "/api/v1/schedules/" + unique("ghost"),
            "{\"task\":\"console.echo\",\"cron\":\"0 * * * * *\"}");

    assertThat(answer.status()).isEqualTo(404);
  }

  // --- stats, events, metrics, health, openapi ------------------------------------------------

  @Test
  void statsCountStatesAndListEveryMinuteOfTheWindow() {
    fixture.finished(unique("stats"), TaskState.SUCCEEDED);
    fixture.finished(unique("stats"), TaskState.FAILED);

    Answer stats = api.get("/api/v1/stats?window=5m");

    assertThat(stats.status()).isEqualTo(200);
    assertThat(stats.get("counts").path("SUCCEEDED").asLong()).isPositive();
    assertThat(stats.get("counts").path("FAILED").asLong()).isPositive();
    assertThat(stats.get("perMinute")).hasSize(5);
    long finishedThisWindow = 0;
    for (JsonNode m : stats.get("perMinute")) {
      finishedThisWindow += m.path("succeeded").asLong() + m.path("failed").asLong();
    }
    assertThat(finishedThisWindow).isGreaterThanOrEqualTo(2);
    assertThat(stats.get("durationMs").path("p50").asLong()).isEqualTo(5);
  }

  @ParameterizedTest(name = "window={0} -> 400")
  @CsvSource({"30s", "2d", "soon"})
  void invalidStatsWindowIsRejectedNamingIt(String window) {
    Answer answer = api.get("/api/v1/stats?window=" + window);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.get("field").asText()).isEqualTo("window");
  }

  @Test
  void eventStreamAnnouncesASubmittedTaskAndStats() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(api.base() + "/events"))
            .header("Authorization", "Bearer " + ConsoleFixture.VIEWER)
            .header("Accept", "text/event-stream")
            .build();
    HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    String id =
        api.post("/api/v1/tasks", "{\"task\":\"console.echo\",\"args\":[\"sse\"]}")
            .get("id")
            .asText();

    CompletableFuture<Boolean> sawTask = new CompletableFuture<>();
    CompletableFuture<Boolean> sawStats = new CompletableFuture<>();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  Iterator<String> lines = response.body().iterator();
                  String event = "";
                  while (lines.hasNext() && !(sawTask.isDone() && sawStats.isDone())) {
                    String line = lines.next();
                    if (line.startsWith("event:")) {
                      event = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                      if (event.equals("task") && line.contains(id)) {
                        sawTask.complete(true);
                      } else if (event.equals("stats") && line.contains("\"counts\"")) {
                        sawStats.complete(true);
                      }
                    }
                  }
                });

    assertThat(sawTask.get(60, TimeUnit.SECONDS)).isTrue();
    assertThat(sawStats.get(60, TimeUnit.SECONDS)).isTrue();
    response.body().close();
    reader.join(Duration.ofSeconds(30));
  }

  @Test
  void metricsArePrometheusTextWithTaskGaugesAndRequestTimers() {
    api.get("/api/v1/tasks?limit=1");

    Answer metrics = api.get("/metrics");

    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.text()).contains("celeriac_tasks{state=\"PENDING\"}");
    assertThat(metrics.text()).contains("celeriac_console_requests_seconds_count{");
    assertThat(metrics.text()).contains("route=\"/api/v1/tasks\"");
  }

  @Test
  void healthIsUpWhileTheStoreAnswers() {
    Answer health = api.as(null).get("/health");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.get("status").asText()).isEqualTo("UP");
  }

  @Test
  void openApiDescriptionListsEveryEndpoint() throws Exception {
    Answer doc = api.get("/api/v1/openapi.json");

    assertThat(doc.status()).isEqualTo(200);
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    Set<String> paths = new java.util.HashSet<>();
    doc.get("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths)
        .contains(
            "/api/v1/tasks",
            "/api/v1/tasks/{id}",
            "/api/v1/tasks/{id}/result",
            "/api/v1/tasks/{id}/revoke",
            "/api/v1/tasks/{id}/retry",
            "/api/v1/workers",
            "/api/v1/queues",
            "/api/v1/dead-letters",
            "/api/v1/dead-letters/redrive",
            "/api/v1/dead-letters/{id}",
            "/api/v1/dead-letters/{id}/redrive",
            "/api/v1/schedules",
            "/api/v1/schedules/{name}",
            "/api/v1/schedules/{name}/pause",
            "/api/v1/schedules/{name}/resume",
            "/api/v1/schedules/{name}/run",
            "/api/v1/stats",
            "/events",
            "/metrics",
            "/health");
    new ObjectMapper().readTree(doc.text());
  }

  @Test
  void unknownEndpointIsAJson404() {
    Answer answer = api.get("/api/v1/nothing-here");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.get("error").asText()).contains("/api/v1/nothing-here");
  }

  // --- fixtures ------------------------------------------------------------------------------

  private long deadLetter(byte[] body) {
    TaskMessage decoded = null;
    try {
      decoded = new TaskMessageCodec().decode(body);
    } catch (RuntimeException e) {
      // an unreadable body: a letter without a task id
    }
    fixture
        .store
        .recordDead(
            new DeadLetter(
                decoded == null ? null : decoded.id(),
                "default",
                body,
                FailureInfo.reason("celeriac.UnknownTask", "no such task here"),
                1,
                Instant.now()))
        .join();
    JsonNode newest = api.get("/api/v1/dead-letters?limit=1").get("deadLetters").get(0);
    return newest.path("id").asLong();
  }

  private static WorkerHeartbeat beat(String id, Instant at) {
    return beat(id, at, "emails");
  }

  private static WorkerHeartbeat beat(String id, Instant at, String queue) {
    return new WorkerHeartbeat(
        id, "host-a", 42, Set.of("default", queue), 10, 3, 100, 2, at.minusSeconds(600), at);
  }

  private static JsonNode worker(JsonNode workers, String id) {
    return find(workers, "workerId", id);
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode node : array) {
      if (node.path(field).asText().equals(value)) {
        return node;
      }
    }
    throw new AssertionError("no element with " + field + "=" + value + " in " + array);
  }

  private static java.util.List<Long> ids(JsonNode letters) {
    java.util.List<Long> ids = new java.util.ArrayList<>();
    letters.forEach(l -> ids.add(l.path("id").asLong()));
    return ids;
  }
}
