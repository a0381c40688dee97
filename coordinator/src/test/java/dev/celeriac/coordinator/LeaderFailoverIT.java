package dev.celeriac.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.ScheduleFire;
import dev.celeriac.store.postgres.PostgresScheduleStore;
import dev.celeriac.store.postgres.PostgresTaskStore;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coordinators as separate processes (child JVMs running {@link CoordinatorMain}) on one ZooKeeper
 * and one PostgreSQL; leaders are killed with SIGKILL (#5 acceptance).
 */
class LeaderFailoverIT {
  private static final Logger log = LoggerFactory.getLogger(LeaderFailoverIT.class);
  private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(4);
  private static final Duration START_PATIENCE = Duration.ofSeconds(120);

  private final String token = UUID.randomUUID().toString().substring(0, 8);
  private final String electionPath = "/celeriac-it/failover-" + token;
  private final List<ChildCoordinator> children = new ArrayList<>();
  private final ElectionView election = new ElectionView(electionPath);

  @AfterEach
  void stopChildren() throws InterruptedException {
    for (ChildCoordinator child : children) {
      child.close();
    }
    election.close();
  }

  private ChildCoordinator startChild(String name) {
    ChildCoordinator child =
        ChildCoordinator.start(name + "-" + token, electionPath, SESSION_TIMEOUT);
    children.add(child);
    return child;
  }

  private void awaitParticipants(ChildCoordinator... expected) {
    Set<String> ids = new HashSet<>();
    for (ChildCoordinator child : expected) {
      ids.add(child.id);
    }
    await()
        .atMost(START_PATIENCE)
        .until(() -> new HashSet<>(election.participants()).containsAll(ids));
  }

  private ChildCoordinator leader() throws Exception {
    String id = election.leader().orElseThrow();
    return children.stream().filter(c -> c.id.equals(id)).findFirst().orElseThrow();
  }

  @Test
  void killedLeaderIsReplacedWithinTheSessionTimeoutPlusTwoSeconds() throws Exception {
    ChildCoordinator a = startChild("a");
    ChildCoordinator b = startChild("b");
    awaitParticipants(a, b);
    ChildCoordinator leading = leader();
    ChildCoordinator standby = leading == a ? b : a;

    long killedAt = System.nanoTime();
    leading.kill();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> election.leader().equals(Optional.of(standby.id)));
    Duration failover = Duration.ofNanos(System.nanoTime() - killedAt);

    log.info("leader {} killed; {} led {} ms later", leading.id, standby.id, failover.toMillis());
    assertThat(failover).isLessThanOrEqualTo(SESSION_TIMEOUT.plusSeconds(2));
  }

  @Test
  void everySecondScheduleFiresEachTimeExactlyOnceThroughThreeLeaderChanges() throws Exception {
    String schedule = "every-second-" + token;
    try (PostgresTaskStore tasks = TestDatabase.startedStore(InstantSource.system());
        TableBroker broker = new TableBroker(TestDatabase.urlWithCredentials())) {
      PostgresScheduleStore schedules = PostgresScheduleStore.on(tasks.dataSource());
      ScheduleManager manager =
          ScheduleManager.create(
              schedules, tasks, broker, TaskCatalog.of(ItTasks.class), InstantSource.system());
      ChildCoordinator first = startChild("c0");
      ChildCoordinator second = startChild("c1");
      awaitParticipants(first, second);
      manager.save(ScheduleSpec.builder(schedule).task("it.tick").cron("* * * * * *").build());
      awaitFiresPublishedAfter(schedules, schedule, Instant.now());

      for (int change = 1; change <= 3; change++) {
        ChildCoordinator replacement = startChild("c" + (change + 1));
        ChildCoordinator leading = leader();
        awaitParticipants(replacement);
        Instant killedAt = Instant.now();
        leading.kill();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> election.leader().filter(id -> !id.equals(leading.id)).isPresent());
        // Each leader fires for a few seconds before it is killed in turn.
        awaitFiresPublishedAfter(
            schedules, schedule, killedAt.plus(SESSION_TIMEOUT).plusSeconds(3));
        log.info("leader change {}: {} killed, {} leads", change, leading.id, leader().id);
      }

      manager.pause(schedule);
      // The pause ends the claims; the last leader publishes whatever it claimed before it.
      await()
          .atMost(Duration.ofSeconds(60))
          .during(Duration.ofSeconds(1))
          .until(
              () ->
                  schedules.unpublishedFires(1000).stream()
                      .noneMatch(f -> f.schedule().equals(schedule)));

      List<ScheduleFire> fires = schedules.fires(schedule, 10_000).reversed();
      Instant firstFire = fires.getFirst().fireTime();
      Instant lastFire = fires.getLast().fireTime();
      assertThat(Duration.between(firstFire, lastFire)).isGreaterThan(Duration.ofSeconds(20));
      List<Instant> everySecond = new ArrayList<>();
      for (Instant t = firstFire; !t.isAfter(lastFire); t = t.plusSeconds(1)) {
        everySecond.add(t);
      }
      assertThat(fires).extracting(ScheduleFire::fireTime).containsExactlyElementsOf(everySecond);
      for (ScheduleFire fire : fires) {
        assertThat(fire.publishedAt()).as("fire at %s", fire.fireTime()).isNotNull();
        assertThat(tasks.find(fire.taskId())).as("task of fire %s", fire.fireTime()).isPresent();
        assertThat(timesPublished(fire.taskId()))
            .as("publishes of %s", fire.fireTime())
            .isPositive();
      }
      assertThat(tasksFiredBy(schedule)).isEqualTo(fires.size());
    }
  }

  private static void awaitFiresPublishedAfter(
      PostgresScheduleStore schedules, String schedule, Instant after) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                schedules.fires(schedule, 5).stream()
                    .anyMatch(f -> f.publishedAt() != null && f.fireTime().isAfter(after)));
  }

  private static int timesPublished(TaskId id) throws SQLException {
    try (var c = TestDatabase.connect();
        var s = c.prepareStatement("SELECT count(*) FROM test_published WHERE task_id = ?")) {
      s.setObject(1, id.value());
      try (var r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  private static int tasksFiredBy(String schedule) throws SQLException {
    try (var c = TestDatabase.connect();
        var s =
            c.prepareStatement(
                "SELECT count(*) FROM celeriac_tasks WHERE headers->>'celeriac-schedule' = ?")) {
      s.setString(1, schedule);
      try (var r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }
}
