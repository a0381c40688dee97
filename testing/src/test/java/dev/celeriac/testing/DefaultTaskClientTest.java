package dev.celeriac.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.MalformedMessageException;
import dev.celeriac.api.ResultTimeoutException;
import dev.celeriac.api.SubmitException;
import dev.celeriac.api.SubmitOptions;
import dev.celeriac.api.TaskClient;
import dev.celeriac.api.TaskFailedException;
import dev.celeriac.api.TaskHandle;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.api.TaskRef;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.UnknownTaskIdException;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.api.spi.TaskCompletion;
import dev.celeriac.testing.SampleTasks.Receipt;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link TaskClient} over the in-memory broker and store: what a submission sends and records. */
class DefaultTaskClientTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final ManualClock clock = new ManualClock();
  private final InMemoryBroker broker = new InMemoryBroker();
  private final InMemoryTaskStore store = new InMemoryTaskStore(clock);
  private final TaskMessageCodec codec = new TaskMessageCodec();
  private TaskClient client = TaskClient.builder().broker(broker).store(store).clock(clock).build();

  @AfterEach
  void close() {
    client.close();
    broker.close();
    store.close();
  }

  @Test
  void methodReferencesWithResultsOfEveryArityPublishTheirNameAndArguments() {
    client.submit(SampleTasks::fn0);
    client.submit(SampleTasks::fn2, "x", 2);
    client.submit(SampleTasks::fn3, 1, 2, 3);
    client.submit(SampleTasks::fn4, "a", "b", "c", 4);

    assertThat(published("default"))
        .extracting(TaskMessage::task, m -> m.args().toString())
        .containsExactly(
            tuple("samples.fn0", "[]"),
            tuple("samples.fn2", "[\"x\",2]"),
            tuple("samples.fn3", "[1,2,3]"),
            tuple("samples.fn4", "[\"a\",\"b\",\"c\",4]"));
  }

  @Test
  void methodReferencesWithoutResultsOfEveryArityPublishTheirNameAndArguments() {
    client.submit(SampleTasks::proc0);
    client.submit(SampleTasks::proc1, "a");
    client.submit(SampleTasks::proc2, "a", 2L);
    client.submit(SampleTasks::proc3, "a", 2L, true);
    client.submit(SampleTasks::proc4, "a", 2L, false, List.of("x", "y"));

    assertThat(published("default"))
        .extracting(TaskMessage::task, m -> m.args().toString())
        .containsExactly(
            tuple("samples.proc0", "[]"),
            tuple("samples.proc1", "[\"a\"]"),
            tuple("samples.proc2", "[\"a\",2]"),
            tuple("samples.proc3", "[\"a\",2,true]"));
    assertThat(published("reports"))
        .singleElement()
        .satisfies(m -> assertThat(m.args().toString()).isEqualTo("[\"a\",2,false,[\"x\",\"y\"]]"));
  }

  @Test
  void envelopeCarriesTheTaskAnnotationsQueuePriorityTimeoutAndExpiry() {
    Instant now = clock.instant();

    TaskHandle<Integer> handle = client.submit(SampleTasks::fn1, 7);

    OutboundMessage outbound = broker.queued("emails").getFirst();
    assertThat(outbound.id()).isEqualTo(handle.id());
    assertThat(outbound.task()).isEqualTo("samples.fn1");
    assertThat(outbound.priority()).isEqualTo(5);
    TaskMessage envelope = codec.decode(outbound.body());
    assertThat(envelope.version()).isEqualTo(TaskMessage.CURRENT_VERSION);
    assertThat(envelope.id()).isEqualTo(handle.id());
    assertThat(envelope.queue()).isEqualTo("emails");
    assertThat(envelope.attempt()).isEqualTo(1);
    assertThat(envelope.priority()).isEqualTo(5);
    assertThat(envelope.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(envelope.expires()).isEqualTo(now.plus(Duration.ofMinutes(10)));
    assertThat(envelope.eta()).isNull();
    assertThat(envelope.submittedAt()).isEqualTo(now);
  }

  @Test
  void submissionIsRecordedPending() {
    TaskHandle<String> handle = client.submit(SampleTasks::fn0);

    assertThat(handle.state()).isEqualTo(TaskState.PENDING);
    assertThat(store.find(handle.id()).orElseThrow().name()).isEqualTo("samples.fn0");
  }

  @Test
  void stateOfAnIdTheStoreNeverSawIsUnknownRatherThanPending() {
    TaskId never = TaskId.generate(clock);

    assertThatThrownBy(() -> client.handle(never, String.class).state())
        .isInstanceOfSatisfying(
            UnknownTaskIdException.class, e -> assertThat(e.taskId()).isEqualTo(never));
  }

  @Test
  void withoutSubmissionRecordsTheTaskIsPublishedButUnknownUntilAWorkerStartsIt() {
    client =
        TaskClient.builder()
            .broker(broker)
            .store(store)
            .clock(clock)
            .recordSubmissions(false)
            .build();

    TaskHandle<String> handle = client.submit(SampleTasks::fn0);

    assertThat(broker.depth("default")).isEqualTo(1);
    assertThatThrownBy(handle::state).isInstanceOf(UnknownTaskIdException.class);
  }

  @Test
  void countdownSendsTheTaskToTheDelayedTableNotTheBroker() {
    Instant due = clock.instant().plus(Duration.ofMinutes(5));

    TaskHandle<String> handle =
        client
            .with(SubmitOptions.builder().countdown(Duration.ofMinutes(5)).build())
            .submit(SampleTasks::fn0);

    assertThat(broker.depth("default")).isZero();
    assertThat(handle.state()).isEqualTo(TaskState.SCHEDULED);
    assertThat(store.nextDue()).contains(due);
    assertThat(store.claimDue(due, 10, Duration.ofMinutes(1)))
        .singleElement()
        .satisfies(m -> assertThat(m.eta()).isEqualTo(due));
  }

  @Test
  void etaInTheFutureSendsTheTaskToTheDelayedTable() {
    Instant eta = clock.instant().plus(Duration.ofHours(2));

    TaskHandle<Void> handle =
        client.with(SubmitOptions.builder().eta(eta).build()).submit(SampleTasks::proc1, "x");

    assertThat(broker.depth("default")).isZero();
    assertThat(handle.state()).isEqualTo(TaskState.SCHEDULED);
    assertThat(store.nextDue()).contains(eta);
  }

  @Test
  void etaAlreadyPassedIsPublishedAtOnce() {
    client
        .with(SubmitOptions.builder().eta(clock.instant().minusSeconds(1)).build())
        .submit(SampleTasks::fn0);

    assertThat(broker.depth("default")).isEqualTo(1);
    assertThat(store.nextDue()).isEmpty();
  }

  @Test
  void optionsOverrideQueuePriorityAndExpiryAndAddHeaders() {
    Instant now = clock.instant();
    SubmitOptions options =
        SubmitOptions.builder()
            .queue("urgent")
            .priority(9)
            .expiresIn(Duration.ofSeconds(90))
            .header("tenant", "acme")
            .build();

    client.with(options).submit(SampleTasks::fn1, 1);

    TaskMessage envelope = published("urgent").getFirst();
    assertThat(envelope.priority()).isEqualTo(9);
    assertThat(envelope.expires()).isEqualTo(now.plusSeconds(90));
    assertThat(envelope.headers()).containsEntry("tenant", "acme");
    assertThat(broker.queued("urgent").getFirst().priority()).isEqualTo(9);
  }

  @Test
  void sameIdempotencyKeyGivesTheSameIdAndIsPublishedOnce() {
    var once = client.with(SubmitOptions.builder().idempotencyKey("order-42").build());

    TaskHandle<Void> first = once.submit(SampleTasks::proc1, "a");
    TaskHandle<Void> second = once.submit(SampleTasks::proc1, "a");
    TaskHandle<Void> otherKey =
        client
            .with(SubmitOptions.builder().idempotencyKey("order-43").build())
            .submit(SampleTasks::proc1, "a");

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(otherKey.id()).isNotEqualTo(first.id());
    assertThat(published("default"))
        .extracting(TaskMessage::id)
        .containsExactly(first.id(), otherKey.id());
    assertThat(published("default").getFirst().headers())
        .containsEntry(TaskMessage.IDEMPOTENCY_KEY_HEADER, "order-42");
  }

  @Test
  void submitByNameEncodesArgumentsAsJson() {
    JsonNode node = JSON.objectNode().put("k", "v");

    TaskHandle<JsonNode> handle =
        client.submitByName(
            "reports.build",
            List.of("monthly", 3, Map.of("format", "pdf"), node),
            SubmitOptions.builder().priority(4).build());

    TaskMessage envelope = published("default").getFirst();
    assertThat(envelope.id()).isEqualTo(handle.id());
    assertThat(envelope.task()).isEqualTo("reports.build");
    assertThat(envelope.priority()).isEqualTo(4);
    assertThat(envelope.args().toString())
        .isEqualTo("[\"monthly\",3,{\"format\":\"pdf\"},{\"k\":\"v\"}]");
  }

  @Test
  void submitByNameUsesTheQueueOfItsOptions() {
    client.submitByName(
        "reports.build", List.of(), SubmitOptions.builder().queue("reports").build());

    assertThat(published("reports")).extracting(TaskMessage::task).containsExactly("reports.build");
  }

  @Test
  void brokerFailureIsASubmitExceptionNamingTheTaskAndNothingIsRecorded() {
    broker.failPublishes("connection refused");

    assertThatThrownBy(() -> client.submit(SampleTasks::fn2, "x", 1))
        .isInstanceOfSatisfying(
            SubmitException.class,
            e -> {
              assertThat(e)
                  .hasMessageContaining("samples.fn2")
                  .hasMessageContaining("connection refused");
              assertThat(store.find(e.taskId())).isEmpty();
            });
    assertThat(broker.depth("default")).isZero();
  }

  @Test
  void argumentsJacksonCannotEncodeFailBeforeAnythingIsSent() {
    assertThatThrownBy(() -> client.submit(SampleTasks::anything, new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("argument 1 of samples.anything");

    assertThat(broker.depth("default")).isZero();
    assertThat(store.query(dev.celeriac.api.spi.TaskQuery.all(10)).tasks()).isEmpty();
  }

  @Test
  void nullForAPrimitiveParameterFailsBeforeAnythingIsSent() {
    assertThatThrownBy(
            () ->
                client.submitRef(
                    (TaskRef.Fn1<SampleTasks, Integer, Integer>) SampleTasks::fn1, (Object) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("argument 1 of samples.fn1");

    assertThat(broker.depth("emails")).isZero();
  }

  @Test
  void oversizedArgumentsFailWithTheCodecsExceptionBeforeAnythingIsSentOrScheduled() {
    client =
        TaskClient.builder()
            .broker(broker)
            .store(store)
            .clock(clock)
            .codec(new TaskMessageCodec(1024))
            .build();
    String big = "x".repeat(2000);

    assertThatThrownBy(() -> client.submit(SampleTasks::proc1, big))
        .isInstanceOfSatisfying(
            MalformedMessageException.class,
            e -> assertThat(e.problem()).isEqualTo(MalformedMessageException.Problem.OVERSIZED));
    assertThatThrownBy(
            () ->
                client
                    .with(SubmitOptions.builder().countdown(Duration.ofMinutes(1)).build())
                    .submit(SampleTasks::proc1, big))
        .isInstanceOf(MalformedMessageException.class);

    assertThat(broker.depth("default")).isZero();
    assertThat(store.nextDue()).isEmpty();
  }

  @Test
  void publishedTaskWhosePendingRecordFailsIsStillSubmitted() {
    store.close(); // the store refuses every write from now on

    TaskHandle<String> handle = client.submit(SampleTasks::fn0);

    assertThat(broker.queued("default"))
        .extracting(OutboundMessage::id)
        .containsExactly(handle.id());
  }

  @Test
  void getReturnsTheConvertedResultOnceAnotherThreadRecordsSuccess() {
    TaskHandle<Receipt> handle = client.submit(SampleTasks::fn4, "a", "b", "c", 3);
    TaskMessage message = published("default").getFirst();

    CompletableFuture.runAsync(
        () -> {
          store.recordStarted(message, "w1", clock.instant()).join();
          store
              .recordFinished(
                  TaskCompletion.succeeded(
                      message.id(),
                      1,
                      JSON.objectNode().put("id", "abc").put("lines", 3),
                      clock.instant(),
                      "w1"))
              .join();
        });

    assertThat(handle.get(WAIT)).isEqualTo(new Receipt("abc", 3));
  }

  @Test
  void getOfAVoidTaskReturnsNull() {
    TaskHandle<Void> handle = client.submit(SampleTasks::proc0);
    finish(
        handle.id(),
        TaskCompletion.succeeded(handle.id(), 1, JSON.nullNode(), clock.instant(), "w1"));

    assertThat(handle.get(WAIT)).isNull();
  }

  @Test
  void getOfAFailedTaskThrowsTaskFailedExceptionWithTheFailure() {
    TaskHandle<String> handle = client.submit(SampleTasks::fn0);
    FailureInfo failure = FailureInfo.reason("java.io.IOException", "disk full");
    finish(
        handle.id(),
        TaskCompletion.failed(
            handle.id(), 1, TaskState.FAILED, failure, clock.instant(), "w1", null));

    assertThatThrownBy(() -> handle.get(WAIT))
        .isInstanceOfSatisfying(
            TaskFailedException.class,
            e -> {
              assertThat(e.taskId()).isEqualTo(handle.id());
              assertThat(e.state()).isEqualTo(TaskState.FAILED);
              assertThat(e.failure()).isEqualTo(failure);
            });
  }

  @Test
  void getOfATaskThatDoesNotFinishInTimeThrowsResultTimeoutException() {
    TaskHandle<String> handle = client.submit(SampleTasks::fn0);

    assertThatThrownBy(() -> handle.get(Duration.ofMillis(50)))
        .isInstanceOfSatisfying(
            ResultTimeoutException.class,
            e -> {
              assertThat(e.taskId()).isEqualTo(handle.id());
              assertThat(e.lastSeenState()).isEqualTo(TaskState.PENDING);
            });
  }

  @Test
  void completableFutureCompletesWithTheResult() throws Exception {
    TaskHandle<List<Integer>> handle = client.submit(SampleTasks::fn3, 1, 2, 3);
    CompletableFuture<List<Integer>> future = handle.toCompletableFuture();
    assertThat(future).isNotDone();

    finish(
        handle.id(),
        TaskCompletion.succeeded(
            handle.id(), 1, JSON.arrayNode().add(1).add(2).add(3), clock.instant(), "w1"));

    assertThat(future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).containsExactly(1, 2, 3);
  }

  @Test
  void completableFutureOfARevokedTaskFailsWithTaskFailedException() {
    TaskHandle<String> handle = client.submit(SampleTasks::fn0);
    CompletableFuture<String> future = handle.toCompletableFuture();

    handle.revoke();

    assertThatThrownBy(() -> future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            TaskFailedException.class, e -> assertThat(e.state()).isEqualTo(TaskState.REVOKED));
  }

  @Test
  void cancellingTheCompletableFutureStopsWaitingNotTheTask() {
    TaskHandle<String> handle = client.submit(SampleTasks::fn0);
    CompletableFuture<String> future = handle.toCompletableFuture();

    future.cancel(false);
    finish(
        handle.id(),
        TaskCompletion.succeeded(handle.id(), 1, JSON.textNode("ok"), clock.instant(), "w1"));

    assertThatThrownBy(future::join).isInstanceOf(java.util.concurrent.CancellationException.class);
    assertThat(handle.get(WAIT)).isEqualTo("ok");
  }

  @Test
  void revokeEndsAnUnfinishedTaskOnlyOnce() {
    TaskHandle<String> handle = client.submit(SampleTasks::fn0);

    assertThat(handle.revoke()).isTrue();
    assertThat(handle.revoke()).isFalse();
    assertThat(handle.state()).isEqualTo(TaskState.REVOKED);
  }

  @Test
  void revokeOfAFinishedTaskReturnsFalse() {
    TaskHandle<String> handle = client.submit(SampleTasks::fn0);
    finish(
        handle.id(),
        TaskCompletion.succeeded(handle.id(), 1, JSON.textNode("ok"), clock.instant(), "w1"));

    assertThat(handle.revoke()).isFalse();
    assertThat(handle.state()).isEqualTo(TaskState.SUCCEEDED);
  }

  @Test
  void aLambdaIsNotATask() {
    assertThatThrownBy(() -> client.submit((SampleTasks t) -> t.fn0()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("method reference");
  }

  /** The envelopes waiting in {@code queue}, in delivery order. */
  private List<TaskMessage> published(String queue) {
    return broker.queued(queue).stream().map(m -> codec.decode(m.body())).toList();
  }

  private void finish(TaskId id, TaskCompletion completion) {
    TaskMessage message =
        published(store.find(id).orElseThrow().queue()).stream()
            .filter(m -> m.id().equals(id))
            .findFirst()
            .orElseThrow();
    store.recordStarted(message, completion.workerId(), clock.instant()).join();
    try {
      store.recordFinished(completion).join();
    } catch (CompletionException e) {
      throw new AssertionError("store refused the completion", e);
    }
  }
}
