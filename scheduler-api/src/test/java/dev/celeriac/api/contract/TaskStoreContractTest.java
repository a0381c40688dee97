package dev.celeriac.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.RevokeMode;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.AttemptRecord;
import dev.celeriac.api.spi.DeadLetter;
import dev.celeriac.api.spi.FinishResult;
import dev.celeriac.api.spi.TaskCompletion;
import dev.celeriac.api.spi.TaskPage;
import dev.celeriac.api.spi.TaskQuery;
import dev.celeriac.api.spi.TaskRecord;
import dev.celeriac.api.spi.TaskStore;
import dev.celeriac.api.spi.WorkerHeartbeat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TaskStore} keeps (STYLE rule 4), one test per promise of the {@code
 * TaskStore} Javadoc: a submission never overwrites; a terminal state is never overwritten and the
 * loser is told; a start of a finished task writes nothing; a retry is stored with its attempt's
 * end; delayed tasks are claimed under leases; revocations win, even of ids not seen yet; result
 * waiters wake on the commit and can be cancelled; queries page by keyset; retention deletes in
 * bounded batches; dead letters keep their bytes; a worker's heartbeat replaces its previous one.
 *
 * <p>An implementation's test extends this class and returns from {@link #newStore(InstantSource)}
 * an <em>empty</em> store (for a database: freshly truncated tables) that reads the current time
 * only from the given clock. Futures are awaited for at most {@link #patience()}; nothing sleeps.
 */
public abstract class TaskStoreContractTest {
  private static final String WORKER = "contract-worker";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** The store's clock; tests move it by hand. */
  protected final ContractClock clock = new ContractClock();

  private final String token = UUID.randomUUID().toString().substring(0, 8);
  private final String name = "contract." + token + ".task";
  private final String queue = "contract-" + token;
  private TaskStore store;

  /** A new, empty store whose leases and default due times follow {@code clock}. */
  protected abstract TaskStore newStore(InstantSource clock);

  /** The longest a store operation may take to commit. Defaults to 30 s. */
  protected Duration patience() {
    return Duration.ofSeconds(30);
  }

  @BeforeEach
  final void openStore() {
    store = newStore(clock);
  }

  @AfterEach
  final void closeStore() {
    store.close();
  }

  // --- submissions -------------------------------------------------------------------------

  @Test
  void submissionIsRecordedPendingWithEverythingItCarries() {
    TaskMessage sent = submitted();

    TaskRecord row = record(sent.id());

    assertThat(row.state()).isEqualTo(TaskState.PENDING);
    assertThat(row.name()).isEqualTo(name);
    assertThat(row.queue()).isEqualTo(queue);
    assertThat(row.args()).isEqualTo(sent.args());
    assertThat(row.priority()).isEqualTo(3);
    assertThat(row.headers()).isEqualTo(Map.of("trace", "t-1"));
    assertThat(row.submittedAt()).isEqualTo(sent.submittedAt());
    assertThat(row.expires()).isEqualTo(sent.expires());
    assertThat(row.attempts()).isZero();
    assertThat(row.result()).isNull();
    assertThat(row.finishedAt()).isNull();
  }

  @Test
  void anIdTheStoreNeverSawIsNotFound() {
    TaskId unknown = TaskId.generate(clock);

    assertThat(store.find(unknown)).isEmpty();
    assertThat(store.attempts(unknown)).isEmpty();
  }

  @Test
  void submissionRecordedAfterAFastWorkerStartedDoesNotOverwriteTheStart() {
    TaskMessage sent = message();
    await(store.recordStarted(sent, WORKER, clock.instant()));

    await(store.recordSubmitted(sent));

    assertThat(record(sent.id()).state()).isEqualTo(TaskState.STARTED);
  }

  @Test
  void submissionRecordedAfterTheResultDoesNotOverwriteTheResult() {
    TaskMessage sent = message();
    await(store.recordStarted(sent, WORKER, clock.instant()));
    succeed(sent, JSON.textNode("done"));

    await(store.recordSubmitted(sent));

    TaskRecord row = record(sent.id());
    assertThat(row.state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(row.result()).isEqualTo(JSON.textNode("done"));
  }

  @Test
  void repeatedSubmissionOfOneIdKeepsOneRow() {
    TaskMessage sent = submitted();

    await(store.recordSubmitted(sent));

    assertThat(store.query(byName(10)).tasks())
        .extracting(TaskRecord::id)
        .containsExactly(sent.id());
  }

  // --- scheduling and the delayed table ----------------------------------------------------

  @Test
  void scheduledTaskIsRecordedScheduledAndBecomesDueAtItsEta() {
    Instant eta = clock.instant().plusSeconds(3600);
    TaskMessage sent = message().withEta(eta);

    await(store.schedule(sent));

    assertThat(record(sent.id()).state()).isEqualTo(TaskState.SCHEDULED);
    assertThat(record(sent.id()).eta()).isEqualTo(eta);
    assertThat(store.nextDue()).contains(eta);
    assertThat(store.claimDue(eta.minusMillis(1), 10, Duration.ofMinutes(1))).isEmpty();
    assertThat(store.claimDue(eta, 10, Duration.ofMinutes(1)))
        .extracting(TaskMessage::id)
        .containsExactly(sent.id());
  }

  @Test
  void delayedChangeListenersHearOfScheduledTasksUntilUnregistered() throws Exception {
    var heard = new java.util.concurrent.Semaphore(0);
    AutoCloseable registration = store.onDelayedChange(heard::release);

    await(store.schedule(message().withEta(clock.instant().plusSeconds(60))));

    assertThat(heard.tryAcquire(patience().toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    registration.close();
    registration.close();
  }

  @Test
  void scheduledMessageWithoutEtaIsDueAtOnce() {
    TaskMessage sent = message();

    await(store.schedule(sent));

    assertThat(store.claimDue(clock.instant(), 10, Duration.ofMinutes(1)))
        .extracting(TaskMessage::id)
        .containsExactly(sent.id());
  }

  @Test
  void schedulingATaskThatHasARowKeepsItsState() {
    TaskMessage sent = started();

    await(store.schedule(sent.withEta(clock.instant().plusSeconds(60))));

    assertThat(record(sent.id()).state()).isEqualTo(TaskState.STARTED);
    assertThat(store.nextDue()).contains(clock.instant().plusSeconds(60));
  }

  @Test
  void claimDueReturnsOnlyDueTasksEarliestFirstAndNoMoreThanTheLimit() {
    Instant now = clock.instant();
    List<TaskId> byEta = new ArrayList<>();
    for (int seconds : new int[] {5, 1, 4, 2, 3}) {
      TaskMessage m = message().withEta(now.plusSeconds(seconds));
      await(store.schedule(m));
      byEta.add(m.id());
    }
    List<TaskId> expectedOrder =
        List.of(byEta.get(1), byEta.get(3), byEta.get(4), byEta.get(2), byEta.get(0));

    List<TaskMessage> firstThree = store.claimDue(now.plusSeconds(3), 10, Duration.ofMinutes(1));
    List<TaskMessage> nextOne = store.claimDue(now.plusSeconds(5), 1, Duration.ofMinutes(1));

    assertThat(firstThree)
        .extracting(TaskMessage::id)
        .containsExactlyElementsOf(expectedOrder.subList(0, 3));
    assertThat(nextOne).extracting(TaskMessage::id).containsExactly(expectedOrder.get(3));
  }

  @Test
  void claimedTaskIsInvisibleDuringItsLeaseAndClaimableAgainAfter() {
    TaskMessage sent = message();
    await(store.schedule(sent));
    Duration lease = Duration.ofSeconds(30);

    assertThat(store.claimDue(clock.instant(), 10, lease)).hasSize(1);
    assertThat(store.claimDue(clock.instant(), 10, lease)).isEmpty();
    clock.advance(lease.minusMillis(1));
    assertThat(store.claimDue(clock.instant(), 10, lease)).isEmpty();
    clock.advance(Duration.ofMillis(1));

    List<TaskMessage> again = store.claimDue(clock.instant(), 10, lease);
    assertThat(again).extracting(TaskMessage::id).containsExactly(sent.id());
    assertThat(again.getFirst().args()).isEqualTo(sent.args());
  }

  @Test
  void removedDelayedTaskIsNeverClaimedAgain() {
    TaskMessage sent = message();
    await(store.schedule(sent));
    assertThat(store.claimDue(clock.instant(), 10, Duration.ofSeconds(5))).hasSize(1);

    store.removeDelayed(List.of(sent.id()));
    clock.advance(Duration.ofMinutes(1));

    assertThat(store.claimDue(clock.instant(), 10, Duration.ofSeconds(5))).isEmpty();
    assertThat(store.nextDue()).isEmpty();
  }

  @Test
  void nextDueIsTheEarliestWaitingEta() {
    assertThat(store.nextDue()).isEmpty();
    Instant now = clock.instant();

    await(store.schedule(message().withEta(now.plusSeconds(10))));
    await(store.schedule(message().withEta(now.plusSeconds(5))));

    assertThat(store.nextDue()).contains(now.plusSeconds(5));
  }

  // --- starting ----------------------------------------------------------------------------

  @Test
  void startRecordsTheAttemptItsWorkerAndTime() {
    TaskMessage sent = submitted();
    Instant at = clock.advance(Duration.ofSeconds(1));

    TaskState state = await(store.recordStarted(sent, WORKER, at));

    assertThat(state).isEqualTo(TaskState.STARTED);
    TaskRecord row = record(sent.id());
    assertThat(row.state()).isEqualTo(TaskState.STARTED);
    assertThat(row.startedAt()).isEqualTo(at);
    assertThat(row.workerId()).isEqualTo(WORKER);
    assertThat(row.attempts()).isEqualTo(1);
    assertThat(store.attempts(sent.id()))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.attempt()).isEqualTo(1);
              assertThat(a.workerId()).isEqualTo(WORKER);
              assertThat(a.startedAt()).isEqualTo(at);
              assertThat(a.finishedAt()).isNull();
              assertThat(a.outcome()).isNull();
            });
  }

  @Test
  void startCreatesTheRowWhenTheSubmissionWasNotRecorded() {
    TaskMessage sent = message();

    assertThat(await(store.recordStarted(sent, WORKER, clock.instant())))
        .isEqualTo(TaskState.STARTED);

    TaskRecord row = record(sent.id());
    assertThat(row.name()).isEqualTo(name);
    assertThat(row.args()).isEqualTo(sent.args());
  }

  @Test
  void startOfAFinishedTaskReturnsItsTerminalStateAndWritesNothing() {
    TaskMessage sent = started();
    succeed(sent, JSON.numberNode(42));
    TaskRecord before = record(sent.id());

    TaskState state = await(store.recordStarted(sent, "another-worker", clock.instant()));

    assertThat(state).isEqualTo(TaskState.SUCCEEDED);
    assertThat(record(sent.id())).isEqualTo(before);
    assertThat(store.attempts(sent.id())).hasSize(1);
  }

  // --- finishing ---------------------------------------------------------------------------

  @Test
  void successStoresTheResultAndClosesTheAttempt() {
    TaskMessage sent = started();
    Instant at = clock.advance(Duration.ofSeconds(2));
    JsonNode result = JSON.objectNode().put("sent", true).put("count", 3);

    FinishResult finish =
        await(store.recordFinished(TaskCompletion.succeeded(sent.id(), 1, result, at, WORKER)));

    assertThat(finish).isEqualTo(new FinishResult(true, TaskState.SUCCEEDED));
    TaskRecord row = record(sent.id());
    assertThat(row.state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(row.result()).isEqualTo(result);
    assertThat(row.finishedAt()).isEqualTo(at);
    assertThat(store.attempts(sent.id()))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.finishedAt()).isEqualTo(at);
              assertThat(a.outcome()).isEqualTo(TaskState.SUCCEEDED);
            });
  }

  @Test
  void failureIsStoredAsData() {
    TaskMessage sent = started();
    FailureInfo failure = FailureInfo.of(new IllegalStateException("mailbox full"));

    FinishResult finish = fail(sent, TaskState.FAILED, failure, null);

    assertThat(finish).isEqualTo(new FinishResult(true, TaskState.FAILED));
    TaskRecord row = record(sent.id());
    assertThat(row.failure()).isEqualTo(failure);
    assertThat(row.failure().stackTrace()).contains("mailbox full");
    assertThat(store.attempts(sent.id()).getFirst().failure()).isEqualTo(failure);
  }

  @Test
  void terminalStateIsNeverOverwrittenAndTheLaterWriterIsTold() {
    TaskMessage sent = started();
    succeed(sent, JSON.textNode("first"));

    FinishResult late = fail(sent, TaskState.FAILED, FailureInfo.reason("x", "late"), null);

    assertThat(late).isEqualTo(new FinishResult(false, TaskState.SUCCEEDED));
    TaskRecord row = record(sent.id());
    assertThat(row.state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(row.result()).isEqualTo(JSON.textNode("first"));
    assertThat(row.failure()).isNull();
  }

  @Test
  void ofManyWritersRacingToFinishOneTaskExactlyOneWins() throws Exception {
    for (int task = 0; task < 10; task++) {
      TaskMessage sent = started();
      List<Callable<FinishResult>> racers =
          List.of(
              () -> succeedNow(sent, JSON.textNode("a")),
              () -> succeedNow(sent, JSON.textNode("b")),
              () -> fail(sent, TaskState.FAILED, FailureInfo.reason("x", "boom"), null),
              () -> await(store.revoke(sent.id(), clock.instant())),
              () ->
                  await(
                      store.recordDead(
                          deadLetter(sent.id(), "bad".getBytes(StandardCharsets.UTF_8)))));

      List<FinishResult> results = race(racers);

      assertThat(results).filteredOn(FinishResult::applied).hasSize(1);
      TaskState winner =
          results.stream().filter(FinishResult::applied).findFirst().orElseThrow().state();
      assertThat(results).extracting(FinishResult::state).containsOnly(winner);
      assertThat(record(sent.id()).state()).isEqualTo(winner);
    }
  }

  @Test
  void retryIsStoredInTheDelayedTableWithTheEndOfTheAttempt() {
    TaskMessage sent = started();
    Instant retryAt = clock.instant().plusSeconds(10);
    FailureInfo failure = FailureInfo.reason("java.io.IOException", "connection reset");

    FinishResult finish = fail(sent, TaskState.RETRYING, failure, sent.nextAttempt(retryAt));

    assertThat(finish).isEqualTo(new FinishResult(true, TaskState.RETRYING));
    TaskRecord row = record(sent.id());
    assertThat(row.state()).isEqualTo(TaskState.RETRYING);
    assertThat(row.failure()).isEqualTo(failure);
    assertThat(row.finishedAt()).isNull();
    assertThat(store.nextDue()).contains(retryAt);
    List<TaskMessage> due = store.claimDue(retryAt, 10, Duration.ofMinutes(1));
    assertThat(due).singleElement().satisfies(m -> assertThat(m.attempt()).isEqualTo(2));
  }

  @Test
  void everyAttemptIsKeptInOrder() {
    TaskMessage first = started();
    fail(first, TaskState.RETRYING, FailureInfo.reason("x", "once"), first.nextAttempt(null));
    TaskMessage second = first.nextAttempt(null);
    Instant secondStart = clock.advance(Duration.ofSeconds(1));
    await(store.recordStarted(second, "worker-2", secondStart));

    await(
        store.recordFinished(
            TaskCompletion.succeeded(
                second.id(), 2, JSON.nullNode(), clock.instant(), "worker-2")));

    assertThat(store.attempts(first.id()))
        .extracting(AttemptRecord::attempt, AttemptRecord::workerId, AttemptRecord::outcome)
        .containsExactly(
            tuple(1, WORKER, TaskState.RETRYING), tuple(2, "worker-2", TaskState.SUCCEEDED));
    TaskRecord row = record(first.id());
    assertThat(row.attempts()).isEqualTo(2);
    assertThat(row.startedAt()).isEqualTo(secondStart);
    assertThat(row.workerId()).isEqualTo("worker-2");
  }

  @Test
  void aRetryOfAWriteThatLostTheRaceIsNotStored() {
    TaskMessage sent = started();
    await(store.revoke(sent.id(), clock.instant()));

    FinishResult late =
        fail(
            sent,
            TaskState.RETRYING,
            FailureInfo.reason("x", "late"),
            sent.nextAttempt(clock.instant()));

    assertThat(late).isEqualTo(new FinishResult(false, TaskState.REVOKED));
    assertThat(store.nextDue()).isEmpty();
    assertThat(store.claimDue(clock.instant().plusSeconds(60), 10, Duration.ofMinutes(1)))
        .isEmpty();
  }

  // --- revocation --------------------------------------------------------------------------

  @Test
  void revokingAnUnfinishedTaskEndsItAndItNeverStarts() {
    TaskMessage sent = submitted();
    Instant at = clock.advance(Duration.ofSeconds(1));

    FinishResult revoked = await(store.revoke(sent.id(), at));

    assertThat(revoked).isEqualTo(new FinishResult(true, TaskState.REVOKED));
    assertThat(record(sent.id()).finishedAt()).isEqualTo(at);
    assertThat(await(store.recordStarted(sent, WORKER, clock.instant())))
        .isEqualTo(TaskState.REVOKED);
    assertThat(store.attempts(sent.id())).isEmpty();
  }

  @Test
  void revokingAFinishedTaskChangesNothing() {
    TaskMessage sent = started();
    succeed(sent, JSON.textNode("ok"));

    FinishResult revoked = await(store.revoke(sent.id(), clock.instant()));

    assertThat(revoked).isEqualTo(new FinishResult(false, TaskState.SUCCEEDED));
    assertThat(record(sent.id()).state()).isEqualTo(TaskState.SUCCEEDED);
  }

  @Test
  void revokedRunningTaskKeepsItsRevocationOverALateResult() {
    TaskMessage sent = started();
    await(store.revoke(sent.id(), clock.instant()));

    FinishResult late = succeedNow(sent, JSON.textNode("too late"));

    assertThat(late).isEqualTo(new FinishResult(false, TaskState.REVOKED));
    assertThat(record(sent.id()).result()).isNull();
  }

  @Test
  void revocationOfAnIdNotSeenYetIsRememberedForWhenItArrives() {
    TaskMessage sent = message();

    FinishResult revoked = await(store.revoke(sent.id(), clock.instant()));
    await(store.recordSubmitted(sent));

    assertThat(revoked).isEqualTo(new FinishResult(true, TaskState.REVOKED));
    assertThat(record(sent.id()).state()).isEqualTo(TaskState.REVOKED);
    assertThat(await(store.recordStarted(sent, WORKER, clock.instant())))
        .isEqualTo(TaskState.REVOKED);
    assertThat(store.attempts(sent.id())).isEmpty();
  }

  @Test
  void revocationOfAnIdNotSeenYetStopsAWorkerThatStartsItWithoutASubmissionRecord() {
    TaskMessage sent = message();
    await(store.revoke(sent.id(), clock.instant()));

    assertThat(await(store.recordStarted(sent, WORKER, clock.instant())))
        .isEqualTo(TaskState.REVOKED);
    assertThat(store.attempts(sent.id())).isEmpty();
  }

  @Test
  void terminatingRevocationOfARunningTaskAsksItsWorkerToStopIt() { // #6
    TaskMessage running = started();
    TaskMessage other = started();

    FinishResult revoked = await(store.revoke(running.id(), clock.instant(), RevokeMode.TERMINATE));

    assertThat(revoked).isEqualTo(new FinishResult(true, TaskState.REVOKED));
    assertThat(record(running.id()).state()).isEqualTo(TaskState.REVOKED);
    assertThat(store.terminationsRequested(List.of(running.id(), other.id())))
        .containsExactly(running.id());
    assertThat(succeedNow(running, JSON.textNode("too late")))
        .isEqualTo(new FinishResult(false, TaskState.REVOKED));
    assertThat(store.attempts(running.id()))
        .singleElement()
        .satisfies(a -> assertThat(a.finishedAt()).isNotNull());
  }

  @Test
  void revocationThatLetsTheAttemptRunAsksNoWorkerToStopIt() {
    TaskMessage running = started();

    await(store.revoke(running.id(), clock.instant(), RevokeMode.LET_RUN));
    await(store.revoke(running.id(), clock.instant()));

    assertThat(record(running.id()).state()).isEqualTo(TaskState.REVOKED);
    assertThat(store.terminationsRequested(List.of(running.id()))).isEmpty();
  }

  @Test
  void terminatingAFinishedTaskAsksNothing() {
    TaskMessage sent = started();
    succeed(sent, JSON.textNode("ok"));

    FinishResult revoked = await(store.revoke(sent.id(), clock.instant(), RevokeMode.TERMINATE));

    assertThat(revoked).isEqualTo(new FinishResult(false, TaskState.SUCCEEDED));
    assertThat(store.terminationsRequested(List.of(sent.id()))).isEmpty();
    assertThat(store.terminationsRequested(List.of())).isEmpty();
  }

  // --- dead letters ------------------------------------------------------------------------

  @Test
  void deadLetterKeepsItsBytesAndMovesItsTaskToDead() {
    TaskMessage sent = submitted();
    byte[] body = {0, 1, 2, (byte) 0xff, '{'};
    DeadLetter letter = deadLetter(sent.id(), body);

    FinishResult dead = await(store.recordDead(letter));

    assertThat(dead).isEqualTo(new FinishResult(true, TaskState.DEAD));
    TaskRecord row = record(sent.id());
    assertThat(row.state()).isEqualTo(TaskState.DEAD);
    assertThat(row.failure()).isEqualTo(letter.reason());
    assertThat(store.deadLetters(10))
        .singleElement()
        .satisfies(
            kept -> {
              assertThat(kept.body()).isEqualTo(body);
              assertThat(kept.taskId()).isEqualTo(sent.id());
              assertThat(kept.queue()).isEqualTo(queue);
              assertThat(kept.reason()).isEqualTo(letter.reason());
              assertThat(kept.deliveryCount()).isEqualTo(2);
              assertThat(kept.at()).isEqualTo(letter.at());
            });
  }

  @Test
  void deadLetterOfATaskNeverSubmittedTakesItsNameFromTheMessage() {
    TaskMessage unseen = message();
    byte[] body = new TaskMessageCodec().encode(unseen);

    FinishResult dead = await(store.recordDead(deadLetter(unseen.id(), body)));

    assertThat(dead).isEqualTo(new FinishResult(true, TaskState.DEAD));
    TaskRecord row = record(unseen.id());
    assertThat(row.state()).isEqualTo(TaskState.DEAD);
    assertThat(row.name()).isEqualTo(name);
    assertThat(row.queue()).isEqualTo(queue);
  }

  @Test
  void deadLetterWithoutATaskIdIsKept() {
    byte[] body = "not json at all".getBytes(StandardCharsets.UTF_8);

    await(store.recordDead(deadLetter(null, body)));

    assertThat(store.deadLetters(10))
        .singleElement()
        .satisfies(
            kept -> {
              assertThat(kept.taskId()).isNull();
              assertThat(kept.body()).isEqualTo(body);
            });
  }

  @Test
  void deadLetterOfAFinishedTaskIsKeptButTheResultStays() {
    TaskMessage sent = started();
    succeed(sent, JSON.textNode("ok"));

    FinishResult dead = await(store.recordDead(deadLetter(sent.id(), new byte[] {1})));

    assertThat(dead).isEqualTo(new FinishResult(false, TaskState.SUCCEEDED));
    assertThat(record(sent.id()).state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(store.deadLetters(10)).hasSize(1);
  }

  @Test
  void deadLettersComeNewestFirstUpToTheLimit() {
    List<DeadLetter> letters = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofSeconds(1));
      DeadLetter letter = deadLetter(null, new byte[] {(byte) i});
      await(store.recordDead(letter));
      letters.add(letter);
    }

    List<DeadLetter> newest = store.deadLetters(2);

    assertThat(newest)
        .extracting(DeadLetter::at)
        .containsExactly(letters.get(2).at(), letters.get(1).at());
  }

  // --- waiting for results -----------------------------------------------------------------

  @Test
  void whenFinishedCompletesAtOnceForAFinishedTask() {
    TaskMessage sent = started();
    succeed(sent, JSON.textNode("ok"));

    TaskRecord finished = await(store.whenFinished(sent.id()));

    assertThat(finished.state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(finished.result()).isEqualTo(JSON.textNode("ok"));
  }

  @Test
  void whenFinishedWakesWhenAnotherThreadCommitsTheResult() throws Exception {
    TaskMessage sent = started();
    CompletableFuture<TaskRecord> waiting = store.whenFinished(sent.id());
    assertThat(waiting).isNotDone();

    try (var other = Executors.newVirtualThreadPerTaskExecutor()) {
      other
          .submit(() -> succeedNow(sent, JSON.numberNode(7)))
          .get(patience().toMillis(), TimeUnit.MILLISECONDS);
    }

    TaskRecord finished = await(waiting);
    assertThat(finished.state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(finished.result()).isEqualTo(JSON.numberNode(7));
  }

  @Test
  void whenFinishedIgnoresStatesThatAreNotTerminal() {
    TaskMessage sent = started();
    CompletableFuture<TaskRecord> waiting = store.whenFinished(sent.id());

    fail(sent, TaskState.RETRYING, FailureInfo.reason("x", "again"), sent.nextAttempt(null));
    await(store.recordStarted(sent.nextAttempt(null), WORKER, clock.instant()));
    assertThat(waiting).isNotDone();

    fail(sent.nextAttempt(null), TaskState.FAILED, FailureInfo.reason("x", "final"), null);
    assertThat(await(waiting).state()).isEqualTo(TaskState.FAILED);
  }

  @Test
  void whenFinishedWakesOnRevocationAndDeadLetter() {
    TaskMessage revoked = submitted();
    TaskMessage dead = submitted();
    CompletableFuture<TaskRecord> revokedWait = store.whenFinished(revoked.id());
    CompletableFuture<TaskRecord> deadWait = store.whenFinished(dead.id());

    await(store.revoke(revoked.id(), clock.instant()));
    await(store.recordDead(deadLetter(dead.id(), new byte[] {1})));

    assertThat(await(revokedWait).state()).isEqualTo(TaskState.REVOKED);
    assertThat(await(deadWait).state()).isEqualTo(TaskState.DEAD);
  }

  @Test
  void whenFinishedMayWaitForATaskNotRecordedYet() {
    TaskMessage sent = message();
    CompletableFuture<TaskRecord> waiting = store.whenFinished(sent.id());

    await(store.recordStarted(sent, WORKER, clock.instant()));
    succeed(sent, JSON.textNode("late but fine"));

    assertThat(await(waiting).result()).isEqualTo(JSON.textNode("late but fine"));
  }

  @Test
  void cancellingAWaitStopsOnlyThatWait() {
    TaskMessage sent = started();
    CompletableFuture<TaskRecord> abandoned = store.whenFinished(sent.id());

    assertThat(abandoned.cancel(false)).isTrue();
    succeed(sent, JSON.textNode("ok"));

    assertThat(abandoned).isCancelled();
    assertThat(await(store.whenFinished(sent.id())).state()).isEqualTo(TaskState.SUCCEEDED);
  }

  // --- queries -----------------------------------------------------------------------------

  @Test
  void pagesReturnEveryMatchingRowOnceNewestFirst() {
    Set<TaskId> all = new HashSet<>();
    for (int i = 0; i < 23; i++) {
      if (i % 5 == 0) {
        clock.advance(Duration.ofSeconds(1)); // groups of equal submission times test the tie-break
      }
      all.add(submitted().id());
    }
    List<TaskRecord> seen = new ArrayList<>();
    TaskQuery query = byName(7);

    for (int pages = 0; pages < 10; pages++) {
      TaskPage page = store.query(query);
      assertThat(page.tasks()).hasSizeLessThanOrEqualTo(7);
      seen.addAll(page.tasks());
      if (page.next() == null) {
        break;
      }
      query = query.after(page.next());
    }

    assertThat(seen)
        .extracting(TaskRecord::id)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(all);
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i).submittedAt()).isBeforeOrEqualTo(seen.get(i - 1).submittedAt());
    }
  }

  @Test
  void queriesFilterByStateNameQueueTimeAndText() {
    Instant t0 = clock.instant();
    TaskMessage pending = submitted();
    clock.advance(Duration.ofSeconds(1));
    TaskMessage succeeded = started();
    succeed(succeeded, JSON.textNode("ok"));
    clock.advance(Duration.ofSeconds(1));
    TaskMessage failed = message(name.replace(".task", ".other"), "contract-" + token + "-b");
    await(store.recordStarted(failed, WORKER, clock.instant()));
    fail(failed, TaskState.FAILED, FailureInfo.reason("x", "no"), null);

    assertThat(
            ids(
                query(
                    Set.of(TaskState.SUCCEEDED, TaskState.FAILED), null, null, null, null, token)))
        .containsExactly(failed.id(), succeeded.id());
    assertThat(ids(query(Set.of(), name, null, null, null, null)))
        .containsExactly(succeeded.id(), pending.id());
    assertThat(ids(query(Set.of(), null, queue, null, null, null)))
        .containsExactly(succeeded.id(), pending.id());
    assertThat(ids(query(Set.of(), null, null, t0.plusSeconds(1), t0.plusSeconds(2), token)))
        .containsExactly(succeeded.id());
    assertThat(ids(query(Set.of(), null, null, null, null, pending.id().toString())))
        .containsExactly(pending.id());
  }

  // --- retention ---------------------------------------------------------------------------

  @Test
  void retentionDeletesTasksFinishedBeforeTheCutoffInBoundedBatches() {
    List<TaskId> old = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(1));
      TaskMessage m = started();
      succeed(m, JSON.numberNode(i));
      old.add(m.id());
    }
    Instant cutoff = clock.advance(Duration.ofSeconds(1));
    TaskMessage unfinished = submitted();
    clock.advance(Duration.ofSeconds(1));
    TaskMessage recent = started();
    succeed(recent, JSON.textNode("recent"));

    assertThat(store.deleteFinishedBefore(cutoff, 2)).isEqualTo(2);
    assertThat(store.deleteFinishedBefore(cutoff, 2)).isEqualTo(2);
    assertThat(store.deleteFinishedBefore(cutoff, 2)).isEqualTo(1);
    assertThat(store.deleteFinishedBefore(cutoff, 2)).isZero();

    assertThat(old)
        .allSatisfy(
            id -> {
              assertThat(store.find(id)).isEmpty();
              assertThat(store.attempts(id)).isEmpty();
            });
    assertThat(store.find(unfinished.id())).isPresent();
    assertThat(store.find(recent.id())).isPresent();
    assertThat(store.attempts(recent.id())).hasSize(1);
  }

  // --- worker heartbeats -------------------------------------------------------------------

  @Test
  void heartbeatIsRecordedWithEverythingItCarries() {
    WorkerHeartbeat beat = heartbeat("w-" + token + "-a", 3, 10, clock.instant());

    await(store.recordHeartbeat(beat));

    assertThat(ourWorkers()).containsExactly(beat);
  }

  @Test
  void laterHeartbeatOfTheSameWorkerReplacesTheEarlierOne() {
    String workerId = "w-" + token + "-a";
    await(store.recordHeartbeat(heartbeat(workerId, 3, 10, clock.instant())));
    WorkerHeartbeat later = heartbeat(workerId, 0, 25, clock.advance(Duration.ofSeconds(5)));

    await(store.recordHeartbeat(later));

    assertThat(ourWorkers()).containsExactly(later);
  }

  @Test
  void workersAreListedMostRecentBeatFirst() {
    WorkerHeartbeat older = heartbeat("w-" + token + "-old", 1, 1, clock.instant());
    WorkerHeartbeat newer =
        heartbeat("w-" + token + "-new", 2, 2, clock.advance(Duration.ofSeconds(1)));
    await(store.recordHeartbeat(older));
    await(store.recordHeartbeat(newer));

    assertThat(ourWorkers()).containsExactly(newer, older);
  }

  private WorkerHeartbeat heartbeat(String workerId, int inFlight, long processed, Instant at) {
    return new WorkerHeartbeat(
        workerId,
        "host-" + token,
        4242,
        Set.of(queue, queue + "-2"),
        1000,
        inFlight,
        processed,
        processed / 5,
        clock.instant().minusSeconds(60),
        at);
  }

  private List<WorkerHeartbeat> ourWorkers() {
    return store.workers().stream().filter(w -> w.workerId().contains(token)).toList();
  }

  // --- fixtures ----------------------------------------------------------------------------

  /** A first-attempt message of this test's task, submitted now. */
  protected final TaskMessage message() {
    return message(name, queue);
  }

  private TaskMessage message(String taskName, String queueName) {
    ArrayNode args = JSON.arrayNode().add("a@b.c").add(3);
    return new TaskMessage(
        TaskMessage.CURRENT_VERSION,
        TaskId.generate(clock),
        taskName,
        args,
        queueName,
        1,
        null,
        clock.instant().plusSeconds(86_400),
        3,
        Duration.ofSeconds(30),
        Map.of("trace", "t-1"),
        clock.instant());
  }

  private TaskMessage submitted() {
    TaskMessage m = message();
    await(store.recordSubmitted(m));
    return m;
  }

  private TaskMessage started() {
    TaskMessage m = submitted();
    assertThat(await(store.recordStarted(m, WORKER, clock.instant()))).isEqualTo(TaskState.STARTED);
    return m;
  }

  private void succeed(TaskMessage m, JsonNode result) {
    assertThat(succeedNow(m, result).applied()).isTrue();
  }

  private FinishResult succeedNow(TaskMessage m, JsonNode result) {
    return await(
        store.recordFinished(
            TaskCompletion.succeeded(m.id(), m.attempt(), result, clock.instant(), WORKER)));
  }

  private FinishResult fail(
      TaskMessage m, TaskState state, FailureInfo failure, @Nullable TaskMessage retry) {
    return await(
        store.recordFinished(
            TaskCompletion.failed(
                m.id(), m.attempt(), state, failure, clock.instant(), WORKER, retry)));
  }

  private DeadLetter deadLetter(@Nullable TaskId id, byte[] body) {
    return new DeadLetter(
        id,
        queue,
        body,
        FailureInfo.reason("celeriac.UnknownTask", "no task " + name),
        2,
        clock.instant());
  }

  private TaskRecord record(TaskId id) {
    return store.find(id).orElseThrow(() -> new AssertionError("no record of " + id));
  }

  private TaskQuery byName(int limit) {
    return new TaskQuery(Set.of(), name, null, null, null, null, limit, null);
  }

  private TaskPage query(
      Set<TaskState> states,
      @Nullable String taskName,
      @Nullable String queueName,
      @Nullable Instant from,
      @Nullable Instant before,
      @Nullable String text) {
    return store.query(new TaskQuery(states, taskName, queueName, from, before, text, 100, null));
  }

  private static List<TaskId> ids(TaskPage page) {
    return page.tasks().stream().map(TaskRecord::id).toList();
  }

  private List<FinishResult> race(List<Callable<FinishResult>> racers) throws Exception {
    var start = new CountDownLatch(1);
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<FinishResult>> futures = new ArrayList<>();
      for (Callable<FinishResult> racer : racers) {
        futures.add(
            threads.submit(
                () -> {
                  start.await();
                  return racer.call();
                }));
      }
      start.countDown();
      List<FinishResult> results = new ArrayList<>();
      for (Future<FinishResult> f : futures) {
        results.add(f.get(patience().toMillis(), TimeUnit.MILLISECONDS));
      }
      return results;
    }
  }

  private <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(patience().toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("store operation did not commit: " + e, e);
    }
  }
}
