package dev.celeriac.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskSubmitter;
import dev.celeriac.embedded.junit.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 3 acceptance: worker processes ({@code WorkerMain} in a JVM of its own) that are killed or
 * asked to stop mid-run lose no task.
 */
@IntegrationTest
@ParameterizedClass(name = "{0}")
@EnumSource(Brokers.class)
class WorkerProcessIT {
  private static final Logger log = LoggerFactory.getLogger(WorkerProcessIT.class);

  @Parameter Brokers broker;

  private E2eFixture fixture;
  private String queue;
  private TaskSubmitter submitter;

  @BeforeEach
  void setUp() {
    fixture = new E2eFixture(broker);
    queue = fixture.brokers.newQueue("process");
    submitter = fixture.to(queue);
  }

  @AfterEach
  void cleanUp() {
    fixture.close();
  }

  @Test
  void tasksOfAWorkerProcessKilledMidRunAreFinishedByASecondProcessAndNoneIsLost()
      throws Exception {
    Ledger atKill;
    try (WorkerProcess first = start("killed", Duration.ofSeconds(30))) {
      fixture.submitMany(500, i -> submitter.submit(E2eTasks::sleep, 2_000L));
      awaitStartedBy(first, 500);
      first.kill();
      atKill = Ledger.of(queue, 500);
    }

    try (WorkerProcess second = start("survivor", Duration.ofSeconds(30))) {
      Ledger ledger = fixture.awaitAllSucceeded(queue, 500);
      log.info("{}: SIGKILL with 500 tasks of 2 s in flight: {}", broker, ledger);
      assertThat(ledger.lost()).isZero();
      assertThat(ledger.resultRecords()).isEqualTo(500);
      assertThat(runsBy(second))
          .as("the second process ran exactly the tasks the first did not finish")
          .isEqualTo(500 - atKill.succeeded());
      assertThat(ledger.executedMoreThanOnce()).isEqualTo(500 - atKill.succeeded());
      second.terminate();
      assertThat(second.awaitExit(E2eFixture.PATIENCE)).as(second.output()).isTrue();
    }
  }

  @Test
  void sigtermLetsTasksFinishWithinTheGraceAndReleasesTheRestToAnotherWorker(
      @TempDir Path directory) throws Exception {
    Path go = directory.resolve("go");
    List<TaskId> quick;
    List<TaskId> held;
    try (WorkerProcess first = start("terminated", Duration.ofSeconds(5))) {
      held = fixture.submitMany(20, i -> submitter.submit(E2eTasks::waitForFile, go.toString()));
      quick = fixture.submitMany(20, i -> submitter.submit(E2eTasks::sleep, 2_000L));
      awaitStartedBy(first, 40);

      first.terminate();

      assertThat(first.awaitExit(E2eFixture.PATIENCE)).as(first.output()).isTrue();
    }
    assertThat(countIn("SUCCEEDED", quick))
        .as("tasks that finished within the grace period")
        .isEqualTo(20);
    assertThat(countIn("STARTED", held)).as("tasks released when the grace ran out").isEqualTo(20);

    Files.createFile(go);
    fixture.startWorker(fixture.workerConfig(queue));
    Ledger ledger = fixture.awaitAllSucceeded(queue, 40);
    log.info("{}: SIGTERM with 40 tasks in flight: {}", broker, ledger);
    assertThat(ledger.lost()).isZero();
    assertThat(ledger.executedMoreThanOnce()).as("only the released ones ran again").isEqualTo(20);
  }

  private WorkerProcess start(String role, Duration grace) throws Exception {
    String id = "e2e-" + role + "-" + UUID.randomUUID().toString().substring(0, 8);
    return WorkerProcess.start(
        id, fixture.brokers.processUrl(), queue, fixture.consumerGroup, 1_000, grace);
  }

  private void awaitStartedBy(WorkerProcess worker, long expected) {
    await()
        .atMost(E2eFixture.PATIENCE)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () ->
                assertThat(runsBy(worker))
                    .as("tasks started by %s; its output:%n%s", worker.workerId(), worker.output())
                    .isEqualTo(expected));
  }

  private static long runsBy(WorkerProcess worker) {
    return E2eDatabase.count(
        "SELECT count(*) FROM celeriac_attempts WHERE worker_id = ?", worker.workerId());
  }

  private static long countIn(String state, List<TaskId> ids) {
    return ids.stream()
        .filter(
            id ->
                E2eDatabase.count(
                        "SELECT count(*) FROM celeriac_tasks WHERE id = ?::uuid AND state = ?",
                        id.toString(),
                        state)
                    == 1)
        .count();
  }
}
