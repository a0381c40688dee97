package dev.celeriac.store.postgres;

import static dev.celeriac.store.postgres.BatchingWriterIT.succeeded;
import static dev.celeriac.store.postgres.TestDatabase.aMessage;
import static dev.celeriac.store.postgres.TestDatabase.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.TaskRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Waiting for results: woken by NOTIFY, by the polling fallback, after a reconnect. */
@Timeout(90)
class ResultWaitingIT {
  private static final Duration NEVER = Duration.ofHours(1);

  @Test
  void aWaiterWakesWhenItsResultIsCommittedThroughNotifyAlone() throws Exception {
    try (var store = TestDatabase.startedStore(b -> b.resultPollInterval(NEVER))) {
      TaskMessage message = aMessage("awaited.task");
      store.recordStarted(message, "w-1", now()).get(30, TimeUnit.SECONDS);
      CompletableFuture<TaskRecord> waiter = store.whenFinished(message.id());
      assertThat(waiter).isNotDone();

      store.recordFinished(succeeded(message.id(), 42)).get(30, TimeUnit.SECONDS);

      TaskRecord record = waiter.get(30, TimeUnit.SECONDS);
      assertThat(record.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(record.result().intValue()).isEqualTo(42);
    }
  }

  @Test
  void aWaiterInAnotherStoreWakesThroughNotify() throws Exception {
    try (var writer = TestDatabase.startedStore(b -> b.resultPollInterval(NEVER));
        var reader = TestDatabase.startedStore(b -> b.resultPollInterval(NEVER))) {
      List<TaskMessage> messages = new ArrayList<>();
      List<CompletableFuture<TaskRecord>> waiters = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        TaskMessage message = aMessage("awaited.elsewhere");
        messages.add(message);
        writer.recordSubmitted(message).get(30, TimeUnit.SECONDS);
        waiters.add(reader.whenFinished(message.id()));
      }

      // 300 ids made terminal at once travel in several payloads.
      CompletableFuture.allOf(
              messages.stream()
                  .map(m -> writer.recordFinished(succeeded(m.id(), 1)))
                  .toArray(CompletableFuture[]::new))
          .get(30, TimeUnit.SECONDS);

      for (CompletableFuture<TaskRecord> waiter : waiters) {
        assertThat(waiter.get(30, TimeUnit.SECONDS).state()).isEqualTo(TaskState.SUCCEEDED);
      }
      assertThat(reader.writeStats().writesCommitted()).isZero();
    }
  }

  @Test
  void aWaiterForATaskRevokedBeforeItWasSeenWakesWhenItIsSubmitted() throws Exception {
    try (var store = TestDatabase.startedStore(b -> b.resultPollInterval(NEVER))) {
      TaskMessage message = aMessage("revoked.then.submitted");
      store.revoke(message.id(), now()).get(30, TimeUnit.SECONDS);
      CompletableFuture<TaskRecord> waiter = store.whenFinished(message.id());
      assertThat(waiter).isNotDone();

      store.recordSubmitted(message).get(30, TimeUnit.SECONDS);

      assertThat(waiter.get(30, TimeUnit.SECONDS).state()).isEqualTo(TaskState.REVOKED);
    }
  }

  @Test
  void waitingForATaskThatAlreadyFinishedCompletesAtOnce() throws Exception {
    try (var store = TestDatabase.startedStore(b -> b.resultPollInterval(NEVER))) {
      TaskMessage message = aMessage("finished.before.wait");
      store.recordFinished(succeeded(message.id(), 3)).get(30, TimeUnit.SECONDS);

      assertThat(store.whenFinished(message.id())).isCompleted();
      assertThat(store.whenFinished(message.id()).join().result().intValue()).isEqualTo(3);
    }
  }

  @Test
  void cancellingAWaitRemovesTheWaiter() {
    try (var store = TestDatabase.startedStore(b -> b.resultPollInterval(NEVER))) {
      CompletableFuture<TaskRecord> waiter = store.whenFinished(TaskId.generate());
      assertThat(waiter).isNotDone();

      waiter.cancel(false);

      await().atMost(Duration.ofSeconds(10)).until(() -> waitingCount(store) == 0);
    }
  }

  @Test
  void thePollingFallbackWakesAWaiterWhoseNotificationNeverCame() throws Exception {
    try (var store = TestDatabase.startedStore(b -> b.resultPollInterval(Duration.ofMillis(200)))) {
      TaskMessage message = aMessage("finished.without.notify");
      store.recordStarted(message, "w-1", now()).get(30, TimeUnit.SECONDS);
      CompletableFuture<TaskRecord> waiter = store.whenFinished(message.id());

      // Another writer that sends no notification, as after a lost NOTIFY.
      try (Connection c = TestDatabase.plainConnection();
          PreparedStatement finish =
              c.prepareStatement(
                  "UPDATE celeriac_tasks SET state = 'FAILED', finished_at = now() WHERE id = ?")) {
        finish.setObject(1, message.id().value());
        finish.executeUpdate();
      }

      assertThat(waiter.get(30, TimeUnit.SECONDS).state()).isEqualTo(TaskState.FAILED);
    }
  }

  @Test
  void theListenerReconnectsAfterItsConnectionIsKilled() throws Exception {
    try (var store = TestDatabase.startedStore(b -> b.resultPollInterval(NEVER))) {
      await().atMost(Duration.ofSeconds(30)).until(() -> listenerPids().size() == 1);
      int killed = listenerPids().getFirst();
      terminate(killed);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> listenerPids().size() == 1 && listenerPids().getFirst() != killed);

      TaskMessage message = aMessage("awaited.after.reconnect");
      CompletableFuture<TaskRecord> waiter = store.whenFinished(message.id());
      store.recordFinished(succeeded(message.id(), 8)).get(30, TimeUnit.SECONDS);

      assertThat(waiter.get(30, TimeUnit.SECONDS).result().intValue()).isEqualTo(8);
    }
  }

  @Test
  void closingTheStoreFailsTheWaitersLeft() {
    var store = TestDatabase.startedStore(b -> b.resultPollInterval(NEVER));
    CompletableFuture<TaskRecord> waiter = store.whenFinished(TaskId.generate());

    store.close();

    assertThatThrownBy(() -> waiter.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(TaskStoreException.class);
  }

  private static int waitingCount(PostgresTaskStore store) {
    return store.waitingCount();
  }

  private static List<Integer> listenerPids() throws SQLException {
    try (Connection c = TestDatabase.plainConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE application_name = ?"
                    + " AND datname = current_database()")) {
      select.setString(1, "celeriac-result-listener");
      List<Integer> pids = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          pids.add(rows.getInt(1));
        }
      }
      return pids;
    }
  }

  private static void terminate(int pid) throws SQLException {
    try (Connection c = TestDatabase.plainConnection();
        PreparedStatement kill = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
      kill.setInt(1, pid);
      kill.executeQuery().close();
    }
  }
}
