package dev.celeriac.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.celeriac.api.RevokeMode;
import dev.celeriac.api.TaskHandle;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.TaskSubmitter;
import dev.celeriac.api.spi.AttemptRecord;
import dev.celeriac.embedded.junit.IntegrationTest;
import dev.celeriac.worker.FailureReasons;
import dev.celeriac.worker.Worker;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 6: Celery's {@code revoke(terminate=True)} of a running task, on PostgreSQL and a broker.
 */
@IntegrationTest
@ParameterizedClass(name = "{0}")
@EnumSource(Brokers.class)
class RevokeTerminateIT {
  /**
   * How long a terminated task may keep running: the worker's check interval (1 s) plus a store
   * read and the interrupt, with room for a loaded 2-core machine. A worker that never checks would
   * leave the task sleeping for ten minutes.
   */
  private static final Duration STOPS_WITHIN = Duration.ofSeconds(20);

  @Parameter Brokers broker;

  private E2eFixture fixture;
  private String queue;
  private TaskSubmitter submitter;

  @BeforeEach
  void setUp() {
    fixture = new E2eFixture(broker);
    queue = fixture.brokers.newQueue("revoke");
    submitter = fixture.to(queue);
  }

  @AfterEach
  void cleanUp() {
    fixture.close();
  }

  @Test
  void runningTaskRevokedWithTerminateStopsEndsRevokedUnretriedAndTheWorkerKeepsServing()
      throws Exception {
    Worker worker = fixture.startWorker(fixture.workerConfig(queue).concurrency(2));
    TaskHandle<String> running = submitter.submit(E2eTasks::longRunning, null);
    await().atMost(E2eFixture.PATIENCE).until(() -> running.state() == TaskState.STARTED);

    long revokedAt = System.nanoTime();
    assertThat(running.revoke(RevokeMode.TERMINATE)).isTrue();

    AttemptRecord attempt =
        await()
            .atMost(STOPS_WITHIN)
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> fixture.store.attempts(running.id()),
                attempts -> attempts.size() == 1 && attempts.getFirst().finishedAt() != null)
            .getFirst();
    Duration stoppedAfter = Duration.ofNanos(System.nanoTime() - revokedAt);
    System.out.printf(
        "%s: terminated task stopped %d ms after the revoke%n", broker, stoppedAfter.toMillis());
    assertThat(attempt.outcome()).isEqualTo(TaskState.REVOKED);
    assertThat(attempt.failure().type()).isEqualTo(FailureReasons.REVOKED);
    assertThat(E2eTasks.cancelledWhenInterrupted).contains(running.id());

    fixture.submitMany(10, i -> submitter.submit(E2eTasks::noop));
    await()
        .atMost(E2eFixture.PATIENCE)
        .untilAsserted(() -> assertThat(Ledger.of(queue, 11).succeeded()).isEqualTo(10));
    // Three attempts were allowed, yet none followed: a terminated task is not retried.
    assertThat(fixture.store.attempts(running.id())).hasSize(1);
    assertThat(fixture.store.find(running.id()).orElseThrow().state()).isEqualTo(TaskState.REVOKED);
    Ledger ledger = Ledger.of(queue, 11);
    assertThat(ledger.executedMoreThanOnce()).as("%s", ledger).isZero();
    assertThat(ledger.resultRecords()).as("%s", ledger).isEqualTo(10);
    assertThat(worker.stats().abandoned()).isZero();
  }
}
