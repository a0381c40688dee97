package dev.celeriac.coordinator;

import static org.awaitility.Awaitility.await;

import dev.celeriac.store.postgres.PostgresScheduleStore;
import dev.celeriac.store.postgres.PostgresTaskStore;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.UUID;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A leader whose ZooKeeper connection is lost stops its loops at once, before its session could
 * expire and another leader be elected, and leads again once reconnected (#5). Runs its own
 * ZooKeeper server, which it stops and restarts.
 */
class ZooKeeperConnectionLossIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final String schedule = "zk-loss-" + UUID.randomUUID().toString().substring(0, 8);
  private TestingServer zooKeeper;
  private PostgresTaskStore tasks;
  private PostgresScheduleStore schedules;
  private Coordinator coordinator;

  @BeforeEach
  void start() throws Exception {
    zooKeeper =
        new TestingServer(
            new InstanceSpec(
                Files.createTempDirectory("celeriac-zk-loss").toFile(),
                -1,
                -1,
                -1,
                true,
                1,
                500,
                -1,
                Map.of("admin.enableServer", "false"),
                "127.0.0.1"),
            true);
    tasks = TestDatabase.startedStore(InstantSource.system());
    schedules = PostgresScheduleStore.on(tasks.dataSource());
    coordinator =
        Coordinator.builder()
            .zooKeeper(zooKeeper.getConnectString())
            .taskStore(tasks)
            .scheduleStore(schedules)
            .broker(new RecordingBroker())
            .tasks(TaskCatalog.of(ItTasks.class))
            .settings(
                CoordinatorSettings.builder()
                    .sessionTimeout(Duration.ofSeconds(4))
                    .electionPath("/celeriac-it/" + schedule)
                    .build())
            .build();
    coordinator.start();
  }

  @AfterEach
  void stop() throws Exception {
    coordinator.close();
    schedules.delete(schedule);
    tasks.close();
    zooKeeper.close();
  }

  private int fires() {
    return schedules.fires(schedule, 1000).size();
  }

  @Test
  void leaderThatLosesZooKeeperStopsFiringAtOnceAndLeadsAgainAfterReconnecting() throws Exception {
    await().atMost(PATIENCE).until(coordinator::isLeader);
    coordinator
        .schedules()
        .save(ScheduleSpec.builder(schedule).task("it.tick").cron("* * * * * *").build());
    await().atMost(PATIENCE).until(() -> fires() >= 2);

    zooKeeper.stop();
    await().atMost(Duration.ofSeconds(3)).until(() -> !coordinator.isLeader());
    int firedBeforeTheLoss = fires();
    await()
        .pollDelay(Duration.ZERO)
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .until(() -> fires() == firedBeforeTheLoss);

    Instant reconnecting = Instant.now();
    zooKeeper.restart();
    await().atMost(PATIENCE).until(coordinator::isLeader);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                schedules.fires(schedule, 1).stream()
                    .anyMatch(f -> f.claimedAt().isAfter(reconnecting)));
  }
}
