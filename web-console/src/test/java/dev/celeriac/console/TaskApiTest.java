package dev.celeriac.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.TaskCompletion;
import dev.celeriac.console.ConsoleHttp.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code /api/v1/tasks}: list, filters, paging, detail, submit, retry, revoke, result (issue 6).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskApiTest {
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
    return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void submittedTaskIsPublishedAndListedPendingWithItsArguments() {
    String queue = unique("q");
    Answer created =
        api.post(
            "/api/v1/tasks",
            "{\"task\":\"console.echo\",\"args\":[\"hi\",{\"n\":1}],\"queue\":\""
                + queue
                + "\",\"priority\":4}");

    assertThat(created.status()).isEqualTo(201);
    String id = created.get("id").asText();
    JsonNode detail = api.get("/api/v1/tasks/" + id).json();
    assertThat(detail.path("state").asText()).isEqualTo("PENDING");
    assertThat(detail.path("args").toString()).isEqualTo("[\"hi\",{\"n\":1}]");
    assertThat(detail.path("priority").asInt()).isEqualTo(4);
    assertThat(fixture.inMemoryBroker().depth(queue)).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} -> 400 naming {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{}|task",
        "{\"task\":\"\"}|task",
        "{\"task\":42}|task",
        "{\"task\":\"a\",\"args\":{\"x\":1}}|args",
        "{\"task\":\"a\",\"priority\":12}|priority",
        "{\"task\":\"a\",\"priority\":\"high\"}|priority",
        "{\"task\":\"a\",\"queue\":\" \"}|queue",
        "not json|body",
        "[1,2]|body"
      })
  void invalidSubmissionIsRejectedNamingTheField(String body, String field) {
    Answer answer = api.post("/api/v1/tasks", body);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.get("field").asText()).isEqualTo(field);
    assertThat(answer.get("error").asText()).isNotBlank();
  }

  @Test
  void emptySubmissionBodyIsRejectedNamingTheBody() {
    Answer answer = api.post("/api/v1/tasks", "");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.get("field").asText()).isEqualTo("body");
  }

  @Test
  void listFiltersByStateNameQueueTimeAndText() {
    String name = unique("filter");
    TaskMessage failed = fixture.finished(name, TaskState.FAILED);
    TaskMessage ok = fixture.finished(name, TaskState.SUCCEEDED);
    Instant old = Instant.parse("2020-01-01T00:00:00Z");
    TaskMessage ancient = fixture.submitted(name, JsonNodeFactory.instance.arrayNode(), old);

    assertThat(ids("/api/v1/tasks?name=" + name + "&state=FAILED"))
        .containsExactly(failed.id().toString());
    assertThat(ids("/api/v1/tasks?name=" + name + "&state=failed,succeeded"))
        .containsExactlyInAnyOrder(failed.id().toString(), ok.id().toString());
    assertThat(ids("/api/v1/tasks?name=" + name + "&to=2021-01-01T00:00:00Z"))
        .containsExactly(ancient.id().toString());
    assertThat(ids("/api/v1/tasks?name=" + name + "&from=2021-01-01T00:00:00Z")).hasSize(2);
    assertThat(ids("/api/v1/tasks?queue=default&q=" + ok.id())).containsExactly(ok.id().toString());
    assertThat(ids("/api/v1/tasks?q=" + name.substring(name.indexOf('.') + 1))).hasSize(3);
    assertThat(ids("/api/v1/tasks?name=" + name + "&queue=elsewhere")).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> 400 naming {1}")
  @CsvSource({
    "state=DONE, state",
    "from=yesterday, from",
    "to=2026-13-01, to",
    "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z, to",
    "limit=0, limit",
    "limit=1001, limit",
    "limit=ten, limit",
    "cursor=bm90LWEtY3Vyc29y, cursor"
  })
  void invalidListParameterIsRejectedNamingIt(String query, String field) {
    Answer answer = api.get("/api/v1/tasks?" + query);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.get("field").asText()).isEqualTo(field);
  }

  @Test
  void overlongNameFilterIsRejected() {
    Answer answer = api.get("/api/v1/tasks?name=" + "n".repeat(201));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.get("field").asText()).isEqualTo("name");
  }

  @Test
  void pagesFollowTheCursorNewestFirstWithoutGapsOrRepeats() {
    String name = unique("paged");
    Instant base = Instant.parse("2025-06-01T00:00:00Z");
    List<String> submitted = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      // Three tasks per instant: ties are broken by id.
      submitted.add(
          fixture
              .submitted(name, JsonNodeFactory.instance.arrayNode(), base.plusSeconds(i / 3))
              .id()
              .toString());
    }

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Answer page =
          api.get(
              "/api/v1/tasks?limit=10&name=" + name + (cursor == null ? "" : "&cursor=" + cursor));
      page.get("tasks").forEach(t -> seen.add(t.path("id").asText()));
      cursor = page.get("next").isNull() ? null : page.get("next").asText();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(5);
    assertThat(seen)
        .hasSize(45)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(submitted);
    List<Instant> times = new ArrayList<>();
    seen.forEach(id -> times.add(fixture.store.find(TaskId.parse(id)).orElseThrow().submittedAt()));
    assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
  }

  @Test
  void detailShowsArgumentsFailureWithStackTraceAndEveryAttempt() {
    TaskMessage failed = fixture.finished(unique("detail"), TaskState.FAILED);

    JsonNode detail = api.get("/api/v1/tasks/" + failed.id()).json();

    assertThat(detail.path("state").asText()).isEqualTo("FAILED");
    assertThat(detail.path("args").toString()).isEqualTo("[\"x\"]");
    assertThat(detail.path("failure").path("type").asText())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(detail.path("failure").path("stackTrace").asText()).contains("boom").contains("at ");
    JsonNode attempts = detail.path("attemptHistory");
    assertThat(attempts).hasSize(1);
    assertThat(attempts.get(0).path("workerId").asText()).isEqualTo("worker-1");
    assertThat(attempts.get(0).path("outcome").asText()).isEqualTo("FAILED");
    assertThat(attempts.get(0).path("durationMs").asLong()).isEqualTo(5);
  }

  @Test
  void unknownTaskIdIs404AndAMalformedOneIs400() {
    Answer unknown = api.get("/api/v1/tasks/" + TaskId.generate());
    Answer malformed = api.get("/api/v1/tasks/not-a-uuid");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.get("error").asText()).contains("no task with id");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.get("field").asText()).isEqualTo("id");
  }

  @Test
  void retryOfAFailedTaskSubmitsANewTaskWithTheSameCallAndKeepsTheOriginal() {
    TaskMessage failed = fixture.finished(unique("retry"), TaskState.FAILED);

    Answer retried = api.post("/api/v1/tasks/" + failed.id() + "/retry", null);

    assertThat(retried.status()).isEqualTo(201);
    assertThat(retried.get("retryOf").asText()).isEqualTo(failed.id().toString());
    JsonNode copy = api.get("/api/v1/tasks/" + retried.get("id").asText()).json();
    assertThat(copy.path("name").asText()).isEqualTo(failed.task());
    assertThat(copy.path("args")).isEqualTo(failed.args());
    assertThat(copy.path("state").asText()).isEqualTo("PENDING");
    assertThat(copy.path("headers").path("retryOf").asText()).isEqualTo(failed.id().toString());
    assertThat(api.get("/api/v1/tasks/" + failed.id()).get("state").asText()).isEqualTo("FAILED");
  }

  @Test
  void retryOfASucceededTaskIsAConflictAndOfAnUnknownOneIs404() {
    TaskMessage ok = fixture.finished(unique("retry-ok"), TaskState.SUCCEEDED);

    assertThat(api.post("/api/v1/tasks/" + ok.id() + "/retry", null).status()).isEqualTo(409);
    assertThat(api.post("/api/v1/tasks/" + TaskId.generate() + "/retry", null).status())
        .isEqualTo(404);
    assertThat(api.post("/api/v1/tasks/xyz/retry", null).get("field").asText()).isEqualTo("id");
  }

  @Test
  void revokeMovesAPendingTaskToRevokedAndRefusesAFinishedOne() {
    TaskMessage pending = fixture.submitted(unique("revoke"));
    TaskMessage done = fixture.finished(unique("revoke-done"), TaskState.SUCCEEDED);

    Answer revoked = api.post("/api/v1/tasks/" + pending.id() + "/revoke", null);
    Answer refused = api.post("/api/v1/tasks/" + done.id() + "/revoke", null);

    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.get("revoked").asBoolean()).isTrue();
    assertThat(fixture.store.find(pending.id()).orElseThrow().state()).isEqualTo(TaskState.REVOKED);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.get("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(api.post("/api/v1/tasks/" + TaskId.generate() + "/revoke", null).status())
        .isEqualTo(404);
  }

  @Test
  void revokeWithTerminateAsksTheWorkerRunningTheTaskToStopIt() {
    TaskMessage running = fixture.submitted(unique("terminate"));
    fixture.store.recordStarted(running, "worker-1", Instant.now()).join();
    TaskMessage letRun = fixture.submitted(unique("let-run"));
    fixture.store.recordStarted(letRun, "worker-1", Instant.now()).join();

    Answer terminated =
        api.post("/api/v1/tasks/" + running.id() + "/revoke", "{\"terminate\":true}");
    Answer notTerminated =
        api.post("/api/v1/tasks/" + letRun.id() + "/revoke", "{\"terminate\":false}");

    assertThat(terminated.status()).isEqualTo(200);
    assertThat(terminated.get("terminate").asBoolean()).isTrue();
    assertThat(terminated.get("state").asText()).isEqualTo("REVOKED");
    assertThat(notTerminated.get("terminate").asBoolean()).isFalse();
    assertThat(fixture.store.terminationsRequested(List.of(running.id(), letRun.id())))
        .containsExactly(running.id());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"terminate\":\"yes\"}|terminate",
        "{\"terminate\":1}|terminate",
        "[true]|body",
        "{not json|body"
      })
  void revokeWithABadBodyNamesTheFieldAndRevokesNothing(String body, String field) {
    TaskMessage running = fixture.submitted(unique("bad-revoke"));

    Answer answer = api.post("/api/v1/tasks/" + running.id() + "/revoke", body);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.get("field").asText()).isEqualTo(field);
    assertThat(fixture.store.find(running.id()).orElseThrow().state()).isEqualTo(TaskState.PENDING);
  }

  @Test
  void longPollAnswersWhenTheTaskFinishesDuringTheWait() throws Exception {
    TaskMessage running = fixture.submitted(unique("poll"));
    fixture.store.recordStarted(running, "worker-1", Instant.now()).join();

    CompletableFuture<Answer> waiting =
        CompletableFuture.supplyAsync(
            () -> api.get("/api/v1/tasks/" + running.id() + "/result?wait=60s"));
    fixture
        .store
        .recordFinished(
            TaskCompletion.succeeded(
                running.id(),
                1,
                JsonNodeFactory.instance.textNode("42"),
                Instant.now(),
                "worker-1"))
        .join();

    Answer answer = waiting.get(90, TimeUnit.SECONDS);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.get("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(answer.get("result").asText()).isEqualTo("42");
  }

  @Test
  void longPollOfATaskStillPendingWhenTheWaitEndsAnswers202WithItsState() {
    TaskMessage pending = fixture.submitted(unique("poll-pending"));

    Answer answer = api.get("/api/v1/tasks/" + pending.id() + "/result?wait=200ms");

    assertThat(answer.status()).isEqualTo(202);
    assertThat(answer.get("state").asText()).isEqualTo("PENDING");
    assertThat(answer.get("finished").asBoolean()).isFalse();
  }

  @ParameterizedTest(name = "wait={0} -> 400")
  @CsvSource({"forever", "10m", "-1s"})
  void invalidWaitIsRejectedNamingIt(String wait) {
    TaskMessage pending = fixture.submitted(unique("poll-bad"));

    Answer answer =
        api.get(
            "/api/v1/tasks/"
                + pending.id()
                + "/result?wait="
                + URLEncoder.encode(wait, StandardCharsets.UTF_8));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.get("field").asText()).isEqualTo("wait");
  }

  @Test
  void resultOfAnUnknownTaskIs404() {
    assertThat(api.get("/api/v1/tasks/" + TaskId.generate() + "/result?wait=1s").status())
        .isEqualTo(404);
  }

  private List<String> ids(String path) {
    Answer answer = api.get(path);
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    answer.get("tasks").forEach(t -> ids.add(t.path("id").asText()));
    return ids;
  }
}
