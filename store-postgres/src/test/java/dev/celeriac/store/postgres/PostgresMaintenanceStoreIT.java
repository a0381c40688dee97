package dev.celeriac.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.WorkerHeartbeat;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reaper's writes on PostgreSQL: expiring unstarted tasks and marking silent workers (#5). */
class PostgresMaintenanceStoreIT {
  private PostgresTaskStore tasks;
  private PostgresMaintenanceStore maintenance;

  @BeforeEach
  void open() throws SQLException {
    try (var c = TestDatabase.plainConnection();
        var s = c.createStatement()) {
      s.execute("TRUNCATE celeriac_tasks, celeriac_attempts, celeriac_delayed, celeriac_workers");
    }
    tasks = TestDatabase.startedStore();
    maintenance = PostgresMaintenanceStore.on(tasks.dataSource());
  }

  @AfterEach
  void close() {
    tasks.close();
  }

  private static TaskMessage expiringAt(Instant expires, Instant eta) {
    TaskMessage m = TestDatabase.aMessage("maintenance.task");
    return new TaskMessage(
        m.version(),
        m.id(),
        m.task(),
        m.args(),
        m.queue(),
        1,
        eta,
        expires,
        0,
        null,
        m.headers(),
        m.submittedAt());
  }

  @Test
  void pendingAndScheduledTasksPastTheirExpiryBecomeExpiredAndLeaveTheDelayedTable()
      throws Exception {
    Instant now = TestDatabase.now();
    TaskMessage pending = expiringAt(now.minusSeconds(1), null);
    TaskMessage scheduled = expiringAt(now.minusSeconds(2), now.plusSeconds(60));
    TaskMessage fresh = expiringAt(now.plusSeconds(60), null);
    tasks.recordSubmitted(pending).get(30, TimeUnit.SECONDS);
    tasks.schedule(scheduled).get(30, TimeUnit.SECONDS);
    tasks.recordSubmitted(fresh).get(30, TimeUnit.SECONDS);
    var waiter = tasks.whenFinished(pending.id());

    assertThat(maintenance.expireOverdue(now, 10))
        .containsExactlyInAnyOrder(pending.id(), scheduled.id());

    assertThat(tasks.find(pending.id()).orElseThrow().state()).isEqualTo(TaskState.EXPIRED);
    assertThat(tasks.find(scheduled.id()).orElseThrow().finishedAt()).isEqualTo(now);
    assertThat(tasks.find(fresh.id()).orElseThrow().state()).isEqualTo(TaskState.PENDING);
    assertThat(tasks.nextDue()).isEmpty();
    assertThat(waiter.get(30, TimeUnit.SECONDS).state()).isEqualTo(TaskState.EXPIRED);
    assertThat(maintenance.expireOverdue(now, 10)).isEmpty();
  }

  @Test
  void expiryWorksInBoundedBatches() throws Exception {
    Instant now = TestDatabase.now();
    for (int i = 0; i < 3; i++) {
      tasks.recordSubmitted(expiringAt(now.minusSeconds(1), null)).get(30, TimeUnit.SECONDS);
    }

    assertThat(maintenance.expireOverdue(now, 2)).hasSize(2);
    assertThat(maintenance.expireOverdue(now, 2)).hasSize(1);
    assertThatThrownBy(() -> maintenance.expireOverdue(now, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRows");
  }

  @Test
  void silentWorkersAreMarkedLostWithTheTasksTheyHadStarted() throws Exception {
    Instant now = TestDatabase.now();
    insertWorker("w-silent", now.minus(Duration.ofMinutes(5)));
    insertWorker("w-alive", now.minusSeconds(1));
    TaskMessage onSilent = TestDatabase.aMessage("maintenance.task");
    TaskMessage onAlive = TestDatabase.aMessage("maintenance.task");
    tasks.recordStarted(onSilent, "w-silent", now).get(30, TimeUnit.SECONDS);
    tasks.recordStarted(onAlive, "w-alive", now).get(30, TimeUnit.SECONDS);

    assertThat(maintenance.markLostWorkers(now.minusSeconds(60), now))
        .containsExactly(onSilent.id());

    assertThat(workerState("w-silent")).isEqualTo("LOST");
    assertThat(workerState("w-alive")).isEqualTo("RUNNING");
    assertThat(tasks.find(onSilent.id()).orElseThrow().state()).isEqualTo(TaskState.STARTED);
    assertThat(maintenance.markLostWorkers(now.minusSeconds(60), now)).isEmpty();
  }

  @Test
  void workerMarkedLostIsRunningAgainAfterItsNextHeartbeat() throws Exception {
    Instant now = TestDatabase.now();
    insertWorker("w-back", now.minus(Duration.ofMinutes(5)));
    maintenance.markLostWorkers(now.minusSeconds(60), now);
    assertThat(workerState("w-back")).isEqualTo("LOST");

    tasks
        .recordHeartbeat(
            new WorkerHeartbeat("w-back", "h", 1, Set.of("default"), 10, 0, 0, 0, now, now))
        .get(30, TimeUnit.SECONDS);

    assertThat(workerState("w-back")).isEqualTo("RUNNING");
  }

  private static void insertWorker(String id, Instant heartbeat) throws SQLException {
    try (var c = TestDatabase.plainConnection();
        var s =
            c.prepareStatement(
                "INSERT INTO celeriac_workers (worker_id, host, started_at, last_heartbeat)"
                    + " VALUES (?, 'h', ?, ?)")) {
      s.setString(1, id);
      s.setObject(2, heartbeat.atOffset(java.time.ZoneOffset.UTC));
      s.setObject(3, heartbeat.atOffset(java.time.ZoneOffset.UTC));
      s.executeUpdate();
    }
  }

  private static String workerState(String id) throws SQLException {
    try (var c = TestDatabase.plainConnection();
        var s = c.prepareStatement("SELECT state FROM celeriac_workers WHERE worker_id = ?")) {
      s.setString(1, id);
      try (var r = s.executeQuery()) {
        r.next();
        return r.getString(1);
      }
    }
  }
}
