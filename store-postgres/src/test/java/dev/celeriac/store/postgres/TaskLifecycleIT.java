package dev.celeriac.store.postgres;

import static dev.celeriac.store.postgres.BatchingWriterIT.failedWith;
import static dev.celeriac.store.postgres.BatchingWriterIT.succeeded;
import static dev.celeriac.store.postgres.TestDatabase.aMessage;
import static dev.celeriac.store.postgres.TestDatabase.now;
import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.AttemptRecord;
import dev.celeriac.api.spi.DeadLetter;
import dev.celeriac.api.spi.FinishResult;
import dev.celeriac.api.spi.TaskCompletion;
import dev.celeriac.api.spi.TaskRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One task's way through the store: submission, start, retry, finish, revoke, dead letter. */
@Timeout(60)
class TaskLifecycleIT {
  private static PostgresTaskStore store;

  @BeforeAll
  static void startStore() {
    store = TestDatabase.startedStore();
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(30, TimeUnit.SECONDS);
  }

  @Test
  void aRecordedSubmissionIsPendingWithEverythingTheMessageCarried() throws Exception {
    TaskMessage message = aMessage("emails.send");
    await(store.recordSubmitted(message));

    TaskRecord record = store.find(message.id()).orElseThrow();
    assertThat(record.state()).isEqualTo(TaskState.PENDING);
    assertThat(record.name()).isEqualTo("emails.send");
    assertThat(record.queue()).isEqualTo("default");
    assertThat(record.args()).isEqualTo(message.args());
    assertThat(record.headers()).isEqualTo(message.headers());
    assertThat(record.submittedAt()).isEqualTo(message.submittedAt());
    assertThat(record.attempts()).isZero();
    assertThat(record.result()).isNull();
    assertThat(store.find(TaskId.generate())).as("an id never seen is unknown").isEmpty();
  }

  @Test
  void pendingNeverOverwritesALaterState() throws Exception {
    TaskMessage started = aMessage("late.submit");
    TaskMessage finished = aMessage("late.submit");
    await(store.recordStarted(started, "w-1", now()));
    await(store.recordStarted(finished, "w-1", now()));
    await(store.recordFinished(succeeded(finished.id(), 5)));

    await(store.recordSubmitted(started));
    await(store.recordSubmitted(finished));

    assertThat(store.find(started.id()).orElseThrow().state()).isEqualTo(TaskState.STARTED);
    TaskRecord done = store.find(finished.id()).orElseThrow();
    assertThat(done.state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(done.result().intValue()).isEqualTo(5);
  }

  @Test
  void startingATaskWhoseSubmissionWasNotRecordedCreatesItsRowAndAnAttempt() throws Exception {
    TaskMessage message = aMessage("unrecorded.start");
    Instant startedAt = now();

    assertThat(await(store.recordStarted(message, "w-7", startedAt))).isEqualTo(TaskState.STARTED);

    TaskRecord record = store.find(message.id()).orElseThrow();
    assertThat(record.state()).isEqualTo(TaskState.STARTED);
    assertThat(record.name()).isEqualTo("unrecorded.start");
    assertThat(record.attempts()).isEqualTo(1);
    assertThat(record.workerId()).isEqualTo("w-7");
    assertThat(record.startedAt()).isEqualTo(startedAt);
    assertThat(store.attempts(message.id()))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.workerId()).isEqualTo("w-7");
              assertThat(a.finishedAt()).isNull();
              assertThat(a.outcome()).isNull();
            });
  }

  @Test
  void startingAFinishedTaskReturnsItsTerminalStateAndWritesNothing() throws Exception {
    TaskMessage message = aMessage("redelivered.after.result");
    await(store.recordStarted(message, "w-1", now()));
    await(store.recordFinished(succeeded(message.id(), 1)));
    TaskRecord before = store.find(message.id()).orElseThrow();
    List<AttemptRecord> attemptsBefore = store.attempts(message.id());

    TaskState state = await(store.recordStarted(message, "w-2", now()));

    assertThat(state).isEqualTo(TaskState.SUCCEEDED);
    assertThat(store.find(message.id())).contains(before);
    assertThat(store.attempts(message.id())).isEqualTo(attemptsBefore);
  }

  @Test
  void aRetryIsStoredInTheDelayedTableInTheSameTransactionAsTheFailure() throws Exception {
    TaskMessage message = aMessage("flaky.call");
    await(store.recordStarted(message, "w-1", now()));
    Instant eta = now().plusSeconds(600);
    TaskMessage retry = message.nextAttempt(eta);
    var failure = FailureInfo.of(new IllegalStateException("try again"));

    FinishResult result =
        await(
            store.recordFinished(
                TaskCompletion.failed(
                    message.id(), 1, TaskState.RETRYING, failure, now(), "w-1", retry)));

    assertThat(result).isEqualTo(new FinishResult(true, TaskState.RETRYING));
    TaskRecord record = store.find(message.id()).orElseThrow();
    assertThat(record.state()).isEqualTo(TaskState.RETRYING);
    assertThat(record.failure()).isEqualTo(failure);
    assertThat(record.finishedAt()).as("not finished while a retry follows").isNull();
    assertThat(delayedEntries(message.id())).containsExactly(new DelayedEntry(2, eta));
  }

  @Test
  void aRetryOfAFinishThatLostIsNotStored() throws Exception {
    TaskMessage message = aMessage("revoked.while.running");
    await(store.recordStarted(message, "w-1", now()));
    await(store.revoke(message.id(), now()));
    var failure = FailureInfo.of(new IllegalStateException("interrupted"));

    FinishResult result =
        await(
            store.recordFinished(
                TaskCompletion.failed(
                    message.id(),
                    1,
                    TaskState.RETRYING,
                    failure,
                    now(),
                    "w-1",
                    message.nextAttempt(now()))));

    assertThat(result).isEqualTo(new FinishResult(false, TaskState.REVOKED));
    assertThat(delayedEntries(message.id())).isEmpty();
    assertThat(store.attempts(message.id()))
        .singleElement()
        .satisfies(a -> assertThat(a.outcome()).isEqualTo(TaskState.RETRYING));
  }

  @Test
  void everyAttemptIsKeptWithItsOutcomeAndFailure() throws Exception {
    TaskMessage first = aMessage("two.attempts");
    await(store.recordStarted(first, "w-1", now()));
    var failure = FailureInfo.of(new IllegalArgumentException("first try failed"));
    TaskMessage second = first.nextAttempt(null);
    await(
        store.recordFinished(
            TaskCompletion.failed(first.id(), 1, TaskState.RETRYING, failure, now(), "w-1", null)));
    await(store.recordStarted(second, "w-2", now()));
    await(store.recordFinished(TaskCompletion.succeeded(first.id(), 2, null, now(), "w-2")));

    List<AttemptRecord> attempts = store.attempts(first.id());
    assertThat(attempts).extracting(AttemptRecord::attempt).containsExactly(1, 2);
    assertThat(attempts)
        .extracting(AttemptRecord::outcome)
        .containsExactly(TaskState.RETRYING, TaskState.SUCCEEDED);
    assertThat(attempts.get(0).failure()).isEqualTo(failure);
    assertThat(attempts.get(1).failure()).isNull();
    TaskRecord record = store.find(first.id()).orElseThrow();
    assertThat(record.attempts()).isEqualTo(2);
    assertThat(record.failure()).as("the last attempt did not fail").isNull();
    assertThat(record.result()).as("a void task's result is JSON null").isNotNull();
    assertThat(record.result().isNull()).isTrue();
    assertThat(record.finishedAt()).isNotNull();
  }

  @Test
  void twoRunsOfOneAttemptOnOneWorkerAreEachClosedByTheirOwnFinish() throws Exception {
    // A message redelivered while its first run still goes (its consumer's connection was lost)
    // runs again on the same worker: same task, attempt and worker id.
    TaskMessage message = aMessage("redelivered.while.running");
    Instant firstStart = now();
    await(store.recordStarted(message, "w-1", firstStart));
    await(store.recordStarted(message, "w-1", firstStart.plusMillis(5)));
    Instant firstEnd = firstStart.plusMillis(10);

    await(store.recordFinished(TaskCompletion.succeeded(message.id(), 1, null, firstEnd, "w-1")));

    List<AttemptRecord> afterOne = store.attempts(message.id());
    assertThat(afterOne).extracting(AttemptRecord::finishedAt).containsExactly(firstEnd, null);
    assertThat(afterOne)
        .extracting(AttemptRecord::outcome)
        .containsExactly(TaskState.SUCCEEDED, null);

    Instant secondEnd = firstStart.plusMillis(20);
    FinishResult second =
        await(
            store.recordFinished(
                TaskCompletion.succeeded(message.id(), 1, null, secondEnd, "w-1")));

    assertThat(second.applied()).as("one result per task").isFalse();
    assertThat(store.attempts(message.id()))
        .extracting(AttemptRecord::finishedAt)
        .containsExactly(firstEnd, secondEnd);
  }

  @Test
  void aRevocationOfAnIdNeverSeenIsRememberedForItsSubmissionAndStart() throws Exception {
    TaskMessage message = aMessage("revoked.early");

    assertThat(await(store.revoke(message.id(), now())))
        .isEqualTo(new FinishResult(true, TaskState.REVOKED));
    await(store.recordSubmitted(message));
    assertThat(store.find(message.id()).orElseThrow().state()).isEqualTo(TaskState.REVOKED);
    assertThat(await(store.recordStarted(message, "w-1", now()))).isEqualTo(TaskState.REVOKED);
    assertThat(store.attempts(message.id())).isEmpty();

    TaskMessage neverSubmitted = aMessage("revoked.early");
    await(store.revoke(neverSubmitted.id(), now()));
    assertThat(await(store.recordStarted(neverSubmitted, "w-1", now())))
        .isEqualTo(TaskState.REVOKED);
  }

  @Test
  void revokingAFinishedTaskChangesNothingAndSaysSo() throws Exception {
    TaskMessage message = aMessage("revoke.too.late");
    await(store.recordStarted(message, "w-1", now()));
    await(store.recordFinished(failedWith(message.id())));

    assertThat(await(store.revoke(message.id(), now())))
        .isEqualTo(new FinishResult(false, TaskState.FAILED));
    assertThat(store.find(message.id()).orElseThrow().state()).isEqualTo(TaskState.FAILED);
  }

  @Test
  void aScheduledTaskWaitsInTheDelayedTableUntilRevoked() throws Exception {
    Instant eta = now().plus(Duration.ofHours(1));
    TaskMessage message = aMessage("later.task").withEta(eta);

    await(store.schedule(message));
    assertThat(store.find(message.id()).orElseThrow().state()).isEqualTo(TaskState.SCHEDULED);
    assertThat(store.find(message.id()).orElseThrow().eta()).isEqualTo(eta);
    assertThat(delayedEntries(message.id())).containsExactly(new DelayedEntry(1, eta));

    await(store.revoke(message.id(), now()));
    assertThat(delayedEntries(message.id())).as("a revoked task is never dispatched").isEmpty();
  }

  @Test
  void deadLettersAreKeptWithTheirBytesAndKillTheirTask() throws Exception {
    TaskMessage message = aMessage("no.such.task");
    await(store.recordSubmitted(message));
    byte[] body = {0x00, (byte) 0xff, 0x7b, 0x22, (byte) 0xc3};
    var reason = FailureInfo.reason("celeriac.UnknownTask", "no task named no.such.task");
    Instant at = now();

    FinishResult result =
        await(store.recordDead(new DeadLetter(message.id(), "default", body, reason, 3, at)));
    FinishResult withoutId =
        await(store.recordDead(new DeadLetter(null, "default", new byte[] {1, 2}, reason, 1, at)));

    assertThat(result).isEqualTo(new FinishResult(true, TaskState.DEAD));
    assertThat(withoutId).isEqualTo(new FinishResult(true, TaskState.DEAD));
    TaskRecord record = store.find(message.id()).orElseThrow();
    assertThat(record.state()).isEqualTo(TaskState.DEAD);
    assertThat(record.failure()).isEqualTo(reason);
    DeadLetter kept =
        store.deadLetters(100).stream()
            .filter(d -> message.id().equals(d.taskId()))
            .findFirst()
            .orElseThrow();
    assertThat(kept.body()).isEqualTo(body);
    assertThat(kept.reason()).isEqualTo(reason);
    assertThat(kept.deliveryCount()).isEqualTo(3);
    assertThat(kept.at()).isEqualTo(at);
  }

  @Test
  void aCompletionForATaskNeverSeenStillRecordsItsResult() throws Exception {
    TaskId id = TaskId.generate();

    assertThat(await(store.recordFinished(succeeded(id, 9))))
        .isEqualTo(new FinishResult(true, TaskState.SUCCEEDED));

    TaskRecord record = store.find(id).orElseThrow();
    assertThat(record.state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(record.name()).isEqualTo(PostgresTaskStore.UNKNOWN);
    assertThat(record.result().intValue()).isEqualTo(9);
  }

  record DelayedEntry(int attempt, Instant dueAt) {}

  static List<DelayedEntry> delayedEntries(TaskId id) throws SQLException {
    try (Connection c = TestDatabase.plainConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT attempt, due_at FROM celeriac_delayed WHERE task_id = ? ORDER BY attempt")) {
      select.setObject(1, id.value());
      List<DelayedEntry> entries = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          entries.add(
              new DelayedEntry(
                  rows.getInt(1), rows.getObject(2, java.time.OffsetDateTime.class).toInstant()));
        }
      }
      return entries;
    }
  }
}
