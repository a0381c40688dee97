package dev.celeriac.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.DeadLetter;
import dev.celeriac.api.spi.TaskCompletion;
import dev.celeriac.console.ConsoleHttp.Answer;
import dev.celeriac.embedded.junit.IntegrationTest;
import dev.celeriac.testing.InMemoryBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The console's API on a real PostgreSQL store: keyset paging, SQL statistics, dead letters. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresConsoleIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConsoleFixture fixture;
  private ConsoleHttp api;

  @BeforeAll
  void start() {
    fixture = ConsoleFixture.open(ConsoleDatabase.startedStore(), new InMemoryBroker());
    api = fixture.admin;
  }

  @AfterAll
  void stop() {
    fixture.close();
  }

  @Test
  void pagingThroughTenThousandTasksVisitsEachOnceNewestFirstWhileNewTasksArrive() {
    String name = "paged." + UUID.randomUUID().toString().substring(0, 8);
    Instant base = Instant.parse("2024-03-01T00:00:00Z");
    Set<String> submitted = submit(name, 10_000, base, 7);

    List<String> seen = new ArrayList<>();
    List<Instant> times = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Answer page =
          api.get(
              "/api/v1/tasks?limit=1000&name="
                  + name
                  + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).as(page.text()).isEqualTo(200);
      for (JsonNode task : page.get("tasks")) {
        seen.add(task.path("id").asText());
        times.add(Instant.parse(task.path("submittedAt").asText()));
      }
      cursor = page.get("next").isNull() ? null : page.get("next").asText();
      if (++pages == 3) {
        // Newer submissions during paging must not shift the pages still to come.
        submit(name, 50, Instant.now(), 1);
      }
    } while (cursor != null);

    assertThat(seen).hasSize(10_000).doesNotHaveDuplicates();
    assertThat(new HashSet<>(seen)).isEqualTo(submitted);
    assertThat(times).isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(pages).isEqualTo(10);
  }

  @Test
  void statisticsComeFromTheDatabase() {
    fixture.finished("stats.pg", TaskState.SUCCEEDED);
    fixture.finished("stats.pg", TaskState.FAILED);

    Answer stats = api.get("/api/v1/stats?window=10m");

    assertThat(stats.status()).isEqualTo(200);
    assertThat(stats.get("counts").path("SUCCEEDED").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(stats.get("counts").path("FAILED").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(stats.get("perMinute")).hasSize(10);
    assertThat(stats.get("durationMs").path("p50").isNumber()).isTrue();
  }

  @Test
  void deadLetterIsReDrivenAndDiscardedOnPostgres() {
    TaskMessage message = fixture.submitted("dead.pg");
    long redrive = deadLetter(new TaskMessageCodec().encode(message), message.id());
    long discard = deadLetter(new byte[] {9}, null);

    Answer redriven = api.post("/api/v1/dead-letters/" + redrive + "/redrive", null);
    assertThat(redriven.status()).isEqualTo(201);
    assertThat(api.get("/api/v1/tasks/" + redriven.get("id").asText()).get("name").asText())
        .isEqualTo("dead.pg");
    assertThat(api.delete("/api/v1/dead-letters/" + discard).status()).isEqualTo(204);

    List<Long> open = new ArrayList<>();
    api.get("/api/v1/dead-letters")
        .get("deadLetters")
        .forEach(d -> open.add(d.path("id").asLong()));
    assertThat(open).doesNotContain(redrive, discard);
  }

  @Test
  void theEventStreamAnnouncesEveryTaskReachingItsFinalStateEvenOutsideTheNewest() // #6
      throws Exception {
    Map<String, String> lastState = new ConcurrentHashMap<>();
    CompletableFuture<Void> streaming = new CompletableFuture<>();
    HttpResponse<Stream<String>> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(api.base() + "/events"))
                    .header("Accept", "text/event-stream")
                    .build(),
                HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    Thread reader = Thread.ofVirtual().start(() -> readTaskEvents(response, lastState, streaming));
    streaming.get(60, TimeUnit.SECONDS);

    // Submitted long ago, so none is among the newest tasks by submission: only a change feed
    // sees them change. Each phase is one burst: the writer commits hundreds of rows with one
    // stamp.
    String name = "feed." + UUID.randomUUID().toString().substring(0, 8);
    List<TaskMessage> tasks = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      tasks.add(message(name, Instant.parse("2020-01-01T00:00:00Z").plusSeconds(i)));
    }
    submit(newer(300));
    all(tasks.stream().map(fixture.store::recordSubmitted).toList());
    all(
        tasks.stream()
            .map(t -> fixture.store.recordStarted(t, "feed-worker", Instant.now()))
            .toList());
    all(
        tasks.stream()
            .map(
                t ->
                    fixture.store.recordFinished(
                        TaskCompletion.succeeded(
                            t.id(), 1, JsonNodeFactory.instance.nullNode(), Instant.now(), "w")))
            .toList());

    Set<String> ids = new HashSet<>();
    tasks.forEach(t -> ids.add(t.id().toString()));
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                assertThat(ids)
                    .allSatisfy(id -> assertThat(lastState.get(id)).isEqualTo("SUCCEEDED")));
    response.body().close();
    reader.join(Duration.ofSeconds(30));
  }

  private static void readTaskEvents(
      HttpResponse<Stream<String>> response,
      Map<String, String> lastState,
      CompletableFuture<Void> streaming) {
    Iterator<String> lines = response.body().iterator();
    String event = "";
    try {
      while (lines.hasNext()) {
        String line = lines.next();
        if (line.startsWith("event:")) {
          event = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          streaming.complete(null);
          if (event.equals("task")) {
            JsonNode task = JSON.readTree(line.substring(5).strip());
            lastState.put(task.path("id").asText(), task.path("state").asText());
          }
        }
      }
    } catch (Exception e) {
      // The test closed the stream.
    }
  }

  private List<TaskMessage> newer(int count) {
    List<TaskMessage> messages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      messages.add(message("feed.newer", Instant.now()));
    }
    return messages;
  }

  private void submit(List<TaskMessage> messages) {
    all(messages.stream().map(fixture.store::recordSubmitted).toList());
  }

  private static void all(List<? extends CompletableFuture<?>> writes) {
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
  }

  private static TaskMessage message(String name, Instant submittedAt) {
    return new TaskMessage(
        TaskMessage.CURRENT_VERSION,
        TaskId.generate(),
        name,
        JsonNodeFactory.instance.arrayNode(),
        "default",
        1,
        null,
        null,
        0,
        null,
        Map.of(),
        submittedAt);
  }

  private Set<String> submit(String name, int count, Instant base, int perInstant) {
    Set<String> ids = new HashSet<>();
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      TaskMessage m =
          new TaskMessage(
              TaskMessage.CURRENT_VERSION,
              TaskId.generate(),
              name,
              JsonNodeFactory.instance.arrayNode().add(i),
              "default",
              1,
              null,
              null,
              0,
              null,
              Map.of(),
              base.plusMillis(i / perInstant));
      ids.add(m.id().toString());
      writes.add(fixture.store.recordSubmitted(m));
    }
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    return ids;
  }

  private long deadLetter(byte[] body, @org.jspecify.annotations.Nullable TaskId taskId) {
    fixture
        .store
        .recordDead(
            new DeadLetter(
                taskId,
                "default",
                body,
                FailureInfo.reason("celeriac.UnknownTask", "gone"),
                1,
                Instant.now()))
        .join();
    return api.get("/api/v1/dead-letters?limit=1").get("deadLetters").get(0).path("id").asLong();
  }
}
