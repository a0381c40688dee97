package dev.celeriac.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.celeriac.api.RetryPolicy;
import dev.celeriac.api.Task;
import dev.celeriac.api.TaskContext;
import dev.celeriac.api.TaskHandle;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.TaskSubmitter;
import dev.celeriac.api.spi.AttemptRecord;
import dev.celeriac.api.spi.TaskRecord;
import dev.celeriac.embedded.junit.IntegrationTest;
import dev.celeriac.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 3 acceptance: retries with backoff, timeouts, and tasks that ignore interrupts. */
@IntegrationTest
@ParameterizedClass(name = "{0}")
@EnumSource(Brokers.class)
class RetriesAndTimeoutsIT {
  @Parameter Brokers broker;

  private E2eFixture fixture;
  private String queue;
  private TaskSubmitter submitter;

  @BeforeEach
  void setUp() {
    fixture = new E2eFixture(broker);
    queue = fixture.brokers.newQueue("retries");
    submitter = fixture.to(queue);
    E2eTasks.stubbornRelease = new CountDownLatch(1);
  }

  @AfterEach
  void cleanUp() {
    E2eTasks.stubbornRelease.countDown();
    fixture.close();
  }

  @Test
  void taskThatFailsTwiceSucceedsOnItsThirdAttemptAfterTheBackoff() throws Exception {
    fixture.startWorker(fixture.workerConfig(queue));

    TaskHandle<String> handle = submitter.submit(E2eTasks::flaky, null);

    assertThat(handle.get(E2eFixture.PATIENCE)).isEqualTo("succeeded on attempt 3");
    List<AttemptRecord> attempts = fixture.store.attempts(handle.id());
    assertThat(attempts)
        .extracting(AttemptRecord::attempt, AttemptRecord::outcome)
        .containsExactly(
            tuple(1, TaskState.RETRYING),
            tuple(2, TaskState.RETRYING),
            tuple(3, TaskState.SUCCEEDED));
    RetryPolicy policy =
        RetryPolicy.from(
            E2eTasks.class.getMethod("flaky", TaskContext.class).getAnnotation(Task.class).retry());
    for (int next = 2; next <= 3; next++) {
      // The smallest wait the policy allows, whatever the jitter draws.
      Duration lowerBound = policy.backoffBefore(next, () -> 0L);
      Duration gap =
          Duration.between(attempts.get(next - 2).startedAt(), attempts.get(next - 1).startedAt());
      assertThat(gap).as("wait before attempt %d", next).isGreaterThanOrEqualTo(lowerBound);
    }
    assertThat(fixture.store.find(handle.id()))
        .hasValueSatisfying(task -> assertThat(task.state()).isEqualTo(TaskState.SUCCEEDED));
  }

  @Test
  void taskOverItsTimeoutIsTimedOutAndRetriedPerItsPolicy() {
    fixture.startWorker(fixture.workerConfig(queue));

    TaskHandle<String> recovers = submitter.submit(E2eTasks::slowFirst, null);
    TaskHandle<Void> neverInTime = submitter.submit(E2eTasks::alwaysSlow);

    assertThat(recovers.get(E2eFixture.PATIENCE)).isEqualTo("fast on attempt 2");
    assertThat(fixture.store.attempts(recovers.id()))
        .extracting(AttemptRecord::outcome)
        .containsExactly(TaskState.TIMED_OUT, TaskState.SUCCEEDED);
    assertThat(fixture.store.attempts(recovers.id()).getFirst().failure().type())
        .isEqualTo(TimeoutException.class.getName());

    TaskRecord failed = awaitTerminal(neverInTime.id());
    assertThat(failed.state()).isEqualTo(TaskState.FAILED);
    assertThat(failed.failure().type()).isEqualTo(TimeoutException.class.getName());
    assertThat(failed.failure().message()).contains("exceeded its timeout of PT0.3S");
    assertThat(fixture.store.attempts(neverInTime.id()))
        .extracting(AttemptRecord::outcome)
        .containsExactly(TaskState.TIMED_OUT, TaskState.FAILED);
  }

  @Test
  void taskThatIgnoresTheInterruptDoesNotBlockTheWorker() throws Exception {
    // One task at a time: if the stubborn task held its place, nothing else could run.
    Worker worker = fixture.startWorker(fixture.workerConfig(queue).concurrency(1));

    TaskHandle<String> stubborn = submitter.submit(E2eTasks::stubborn);
    assertThat(awaitTerminal(stubborn.id()).failure().type())
        .isEqualTo(TimeoutException.class.getName());
    fixture.submitMany(20, i -> submitter.submit(E2eTasks::noop));

    Ledger ledger = fixture.awaitAllSucceeded(queue, 20);
    assertThat(ledger.lost()).isZero();
    assertThat(worker.stats().abandoned()).isEqualTo(1);
    assertThat(fixture.store.find(stubborn.id()))
        .hasValueSatisfying(task -> assertThat(task.state()).isEqualTo(TaskState.FAILED));
  }

  private TaskRecord awaitTerminal(TaskId id) {
    return await()
        .atMost(E2eFixture.PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> fixture.store.find(id).orElseThrow(), task -> task.state().isTerminal());
  }
}
