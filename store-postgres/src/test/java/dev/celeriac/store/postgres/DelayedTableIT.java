package dev.celeriac.store.postgres;

import static dev.celeriac.store.postgres.TestDatabase.aMessage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.TaskCompletion;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The delayed table: due order, leases, SKIP LOCKED claims, removal after publishing. */
@Timeout(60)
class DelayedTableIT {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(1);
  private static PostgresTaskStore store;

  @BeforeAll
  static void startStore() {
    store = TestDatabase.startedStore();
  }

  @BeforeEach
  void emptyTheDelayedTable() throws SQLException {
    try (Connection c = TestDatabase.plainConnection();
        Statement s = c.createStatement()) {
      s.execute("TRUNCATE celeriac_delayed");
    }
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  private TaskMessage scheduled(Instant eta) throws Exception {
    TaskMessage message = aMessage("delayed.task").withEta(eta);
    store.schedule(message).get(30, TimeUnit.SECONDS);
    return message;
  }

  @Test
  void dueTasksAreClaimedOldestFirstAndNotBeforeTheirEta() throws Exception {
    TaskMessage late = scheduled(T0.plusSeconds(30));
    TaskMessage early = scheduled(T0.plusSeconds(10));
    TaskMessage notYet = scheduled(T0.plusSeconds(90));

    assertThat(store.nextDue()).contains(T0.plusSeconds(10));
    List<TaskMessage> claimed = store.claimDue(T0.plusSeconds(60), 10, LEASE);

    assertThat(claimed).extracting(TaskMessage::id).containsExactly(early.id(), late.id());
    assertThat(claimed.getFirst()).isEqualTo(early);
    assertThat(claimed).extracting(TaskMessage::id).doesNotContain(notYet.id());
    assertThat(store.claimDue(T0.plusSeconds(60), 10, LEASE)).as("claimed under lease").isEmpty();
  }

  @Test
  void aClaimWhoseLeaseEndedIsClaimableAgainSoACrashedDispatcherLosesNothing() throws Exception {
    TaskMessage message = scheduled(T0);
    Instant claimAt = T0.plusSeconds(1);
    assertThat(store.claimDue(claimAt, 10, LEASE)).containsExactly(message);

    assertThat(store.nextDue()).as("due again when the lease ends").contains(claimAt.plus(LEASE));
    assertThat(store.claimDue(claimAt.plus(LEASE).minusMillis(1), 10, LEASE)).isEmpty();
    assertThat(store.claimDue(claimAt.plus(LEASE), 10, LEASE)).containsExactly(message);
  }

  @Test
  void removedEntriesAreGoneButARetryStoredAfterTheClaimSurvives() throws Exception {
    TaskMessage message = scheduled(T0);
    store.claimDue(T0, 10, LEASE);
    // The published attempt ran fast and failed before the dispatcher removed its entry.
    store.recordStarted(message, "w-1", T0).get(30, TimeUnit.SECONDS);
    TaskMessage retry = message.nextAttempt(T0.plusSeconds(5));
    store
        .recordFinished(
            TaskCompletion.failed(
                message.id(),
                1,
                TaskState.RETRYING,
                FailureInfo.reason("Boom", "again"),
                T0,
                "w-1",
                retry))
        .get(30, TimeUnit.SECONDS);

    store.removeDelayed(List.of(message.id()));

    assertThat(store.claimDue(T0.plus(Duration.ofHours(1)), 10, LEASE)).containsExactly(retry);
    store.removeDelayed(List.of(message.id()));
    assertThat(store.nextDue()).isEmpty();
  }

  @Test
  void anEntryWrittenAgainAfterTheClaimDoesNotTakeALaterRetryWithItWhenTheClaimIsRemoved()
      throws Exception { // #9: a task stuck in RETRYING under the fault ledger
    TaskMessage first = scheduled(T0);
    assertThat(store.claimDue(T0, 10, LEASE)).containsExactly(first);
    // A redelivered earlier attempt ran again and stored the same retry once more (its claim is
    // reset), then the published attempt failed and stored the next retry.
    store.schedule(first).get(30, TimeUnit.SECONDS);
    TaskMessage next = first.nextAttempt(T0.plusSeconds(5));
    store.schedule(next).get(30, TimeUnit.SECONDS);

    store.removeDelayed(List.of(first.id()));

    assertThat(store.claimDue(T0.plusSeconds(10), 10, LEASE))
        .as("the next attempt is still due")
        .contains(next);
  }

  @Test
  void removingAClaimLeavesTheEntryAnotherDispatcherClaimedOfTheSameTask() throws Exception {
    try (PostgresTaskStore other = TestDatabase.startedStore()) {
      TaskMessage first = scheduled(T0);
      assertThat(store.claimDue(T0, 10, LEASE)).containsExactly(first);
      TaskMessage next = first.nextAttempt(T0.plusSeconds(1));
      store.schedule(next).get(30, TimeUnit.SECONDS);
      assertThat(other.claimDue(T0.plusSeconds(2), 10, LEASE)).containsExactly(next);

      store.removeDelayed(List.of(first.id()));

      // The other dispatcher failed to publish: its entry comes back when its lease ends.
      assertThat(other.claimDue(T0.plusSeconds(2).plus(LEASE), 10, LEASE)).containsExactly(next);
    }
  }

  @Test
  void aRowLockedByAnotherClaimerIsSkippedNotWaitedFor() throws Exception {
    TaskMessage locked = scheduled(T0);
    TaskMessage free = scheduled(T0.plusSeconds(1));
    try (Connection other = TestDatabase.plainConnection();
        Statement lock = other.createStatement()) {
      other.setAutoCommit(false);
      lock.execute(
          "SELECT 1 FROM celeriac_delayed WHERE task_id = '" + locked.id() + "' FOR UPDATE");

      assertThat(store.claimDue(T0.plusSeconds(10), 10, LEASE)).containsExactly(free);
      other.rollback();
    }
    assertThat(store.claimDue(T0.plusSeconds(10), 10, LEASE)).containsExactly(locked);
  }

  @Test
  void anEntryThatCannotBeDecodedDoesNotStopTheOthers() throws Exception {
    TaskMessage good = scheduled(T0.plusSeconds(2));
    try (Connection c = TestDatabase.plainConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO celeriac_delayed (task_id, attempt, due_at, message) VALUES ('"
              + TaskId.generate()
              + "', 1, '"
              + T0
              + "', '{\"v\": 99}')");
    }

    assertThat(store.claimDue(T0.plusSeconds(10), 10, LEASE)).containsExactly(good);
  }

  @Test
  void concurrentClaimersNeverGetTheSameEntry() throws Exception {
    int entries = 120;
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    for (int i = 0; i < entries; i++) {
      writes.add(store.schedule(aMessage("claim.race").withEta(T0.plusMillis(i))));
    }
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    var claimed = new ConcurrentLinkedQueue<TaskId>();

    try (var claimers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < 4; c++) {
        claimers.submit(
            () -> {
              List<TaskMessage> batch;
              do {
                batch = store.claimDue(T0.plusSeconds(1), 3, LEASE);
                batch.forEach(m -> claimed.add(m.id()));
              } while (!batch.isEmpty());
              return null;
            });
      }
    }

    Set<TaskId> distinct = new HashSet<>(claimed);
    assertThat(claimed).hasSize(entries);
    assertThat(distinct).hasSize(entries);
  }
}
