package dev.celeriac.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.TaskCompletion;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The leader's housekeeping on PostgreSQL (#5): the reaper expires tasks that did not start before
 * their expiry and marks workers without heartbeats lost; retention deletes old finished tasks.
 */
class HousekeepingIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final InProcessCoordinators coordinators = new InProcessCoordinators();
  private final String token = UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void close() {
    coordinators.close();
  }

  private Coordinator leader() {
    Coordinator coordinator =
        coordinators.start(
            "housekeeper-" + token,
            InstantSource.system(),
            CoordinatorSettings.builder()
                .sessionTimeout(Duration.ofSeconds(4))
                .reaperInterval(Duration.ofMillis(200))
                .heartbeatTimeout(Duration.ofMinutes(1))
                .retention(Duration.ofHours(1))
                .retentionInterval(Duration.ofMillis(200)),
            new RecordingBroker());
    await().atMost(PATIENCE).until(coordinator::isLeader);
    return coordinator;
  }

  private static TaskMessage message(Instant submittedAt, Instant expires) {
    return new TaskMessage(
        TaskMessage.CURRENT_VERSION,
        TaskId.generate(),
        "it.tick",
        JsonNodeFactory.instance.arrayNode(),
        "housekeeping",
        1,
        null,
        expires,
        0,
        null,
        Map.of(),
        submittedAt);
  }

  @Test
  void taskThatDidNotStartBeforeItsExpiryIsMarkedExpired() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    TaskMessage expired = message(now.minusSeconds(60), now.minusSeconds(1));
    TaskMessage fresh = message(now, now.plusSeconds(3600));
    coordinators.tasks.recordSubmitted(expired).join();
    coordinators.tasks.recordSubmitted(fresh).join();

    leader();

    await()
        .atMost(PATIENCE)
        .until(
            () -> coordinators.tasks.find(expired.id()).orElseThrow().state() == TaskState.EXPIRED);
    assertThat(coordinators.tasks.find(fresh.id()).orElseThrow().state())
        .isEqualTo(TaskState.PENDING);
  }

  @Test
  void workerWithoutHeartbeatIsMarkedLostWhileItsStartedTaskKeepsItsState() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String worker = "silent-" + token;
    insertWorker(worker, now.minus(Duration.ofMinutes(10)));
    TaskMessage started = message(now, now.plusSeconds(3600));
    coordinators.tasks.recordStarted(started, worker, now).join();

    leader();

    await().atMost(PATIENCE).until(() -> "LOST".equals(workerState(worker)));
    assertThat(coordinators.tasks.find(started.id()).orElseThrow().state())
        .isEqualTo(TaskState.STARTED);
  }

  @Test
  void taskFinishedLongerAgoThanTheRetentionIsDeletedAndARecentOneKept() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    TaskMessage old = message(now.minus(Duration.ofHours(3)), now.plusSeconds(3600));
    TaskMessage recent = message(now, now.plusSeconds(3600));
    finish(old, now.minus(Duration.ofHours(2)));
    finish(recent, now);

    leader();

    await().atMost(PATIENCE).until(() -> coordinators.tasks.find(old.id()).isEmpty());
    assertThat(coordinators.tasks.find(recent.id())).isPresent();
  }

  private void finish(TaskMessage message, Instant at) {
    coordinators.tasks.recordStarted(message, "w-" + token, at).join();
    coordinators
        .tasks
        .recordFinished(
            new TaskCompletion(
                message.id(),
                1,
                TaskState.SUCCEEDED,
                JsonNodeFactory.instance.nullNode(),
                null,
                at,
                "w-" + token,
                null))
        .join();
  }

  private static void insertWorker(String id, Instant heartbeat) throws SQLException {
    try (var c = TestDatabase.connect();
        var s =
            c.prepareStatement(
                "INSERT INTO celeriac_workers (worker_id, host, started_at, last_heartbeat)"
                    + " VALUES (?, 'test-host', ?, ?)")) {
      s.setString(1, id);
      s.setObject(2, heartbeat.atOffset(ZoneOffset.UTC));
      s.setObject(3, heartbeat.atOffset(ZoneOffset.UTC));
      s.executeUpdate();
    }
  }

  private static String workerState(String id) throws SQLException {
    try (var c = TestDatabase.connect();
        var s = c.prepareStatement("SELECT state FROM celeriac_workers WHERE worker_id = ?")) {
      s.setString(1, id);
      try (var r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }
}
