package dev.celeriac.worker;

import static dev.celeriac.worker.WorkerKit.PATIENCE;
import static dev.celeriac.worker.WorkerKit.QUEUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.celeriac.api.SubmitOptions;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.WorkerHeartbeat;
import dev.celeriac.worker.internal.TaskMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkerObservabilityTest {
  private final WorkerKit kit = new WorkerKit();
  private final RuntimeTasks tasks = new RuntimeTasks();

  @AfterEach
  void closeKit() {
    kit.close();
  }

  private Worker start(WorkerConfig.Builder config, SimpleMeterRegistry meters) {
    Worker worker =
        kit.build(
            Worker.builder()
                .config(config.build())
                .registry(TaskRegistry.builder().register(tasks).build())
                .broker(kit.broker)
                .meterRegistry(meters));
    worker.start();
    return worker;
  }

  @Test
  void statsAndMetricsCountEveryOutcomePerTask() {
    var meters = new SimpleMeterRegistry();
    Worker worker = start(kit.config().concurrency(7), meters);

    List<TaskId> added =
        List.of(
            kit.client.submit(RuntimeTasks::add, 1, 2).id(),
            kit.client.submit(RuntimeTasks::add, 3, 4).id(),
            kit.client.submit(RuntimeTasks::add, 5, 6).id());
    TaskId broken = kit.client.submit(RuntimeTasks::broken).id();
    TaskId retried = kit.client.submit(RuntimeTasks::retried).id();
    TaskId unknown = kit.client.submitByName("rt.missing", List.of(), SubmitOptions.NONE).id();

    added.forEach(id -> kit.awaitState(id, TaskState.SUCCEEDED));
    kit.awaitState(broken, TaskState.FAILED);
    kit.awaitState(retried, TaskState.RETRYING);
    kit.awaitState(unknown, TaskState.DEAD);
    await().atMost(PATIENCE).until(() -> worker.stats().processed() == 6);

    assertThat(worker.stats()).isEqualTo(new WorkerStats(6, 3, 1, 1, 1, 0, 0, 7, 0));
    assertThat(count(meters, TaskMetrics.STARTED, "rt.add")).isEqualTo(3);
    assertThat(count(meters, TaskMetrics.SUCCEEDED, "rt.add")).isEqualTo(3);
    assertThat(count(meters, TaskMetrics.FAILED, "rt.broken")).isEqualTo(1);
    assertThat(count(meters, TaskMetrics.RETRIED, "rt.retried")).isEqualTo(1);
    assertThat(meters.get(TaskMetrics.DURATION).tag("task", "rt.add").timer().count()).isEqualTo(3);
    assertThat(meters.get(TaskMetrics.QUEUE_WAIT).tag("queue", QUEUE).timer().count()).isEqualTo(5);
    assertThat(meters.get(TaskMetrics.DELIVERIES).tag("outcome", "DEAD").counter().count())
        .isEqualTo(1);
    assertThat(meters.get(TaskMetrics.IN_FLIGHT).gauge().value()).isZero();
  }

  private static double count(SimpleMeterRegistry meters, String name, String task) {
    return meters.get(name).tag("task", task).counter().count();
  }

  @Test
  void inFlightGaugeFollowsRunningTasks() {
    var meters = new SimpleMeterRegistry();
    Worker worker = start(kit.config(), meters);
    kit.client.submit(RuntimeTasks::blocking, "one");
    kit.client.submit(RuntimeTasks::blocking, "two");

    await().atMost(PATIENCE).until(() -> tasks.running.get() == 2);

    assertThat(meters.get(TaskMetrics.IN_FLIGHT).gauge().value()).isEqualTo(2);
    assertThat(worker.stats().inFlight()).isEqualTo(2);
    tasks.gate.countDown();
  }

  @Test
  void heartbeatIsRecordedWithTheWorkersIdentityAndKeepsItsCountsCurrent() {
    Worker worker =
        start(
            kit.config()
                .workerId("beating")
                .heartbeatInterval(Duration.ofMillis(50))
                .concurrency(9),
            new SimpleMeterRegistry());

    WorkerHeartbeat first = awaitBeat(beat -> true);
    assertThat(first.host()).isEqualTo(WorkerConfig.hostName());
    assertThat(first.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(first.queues()).isEqualTo(Set.of(QUEUE));
    assertThat(first.concurrency()).isEqualTo(9);

    kit.awaitState(kit.client.submit(RuntimeTasks::add, 1, 1).id(), TaskState.SUCCEEDED);
    kit.awaitState(kit.client.submit(RuntimeTasks::broken).id(), TaskState.FAILED);

    WorkerHeartbeat later = awaitBeat(beat -> beat.processed() == 2);
    assertThat(later.failed()).isEqualTo(1);
    assertThat(later.startedAt()).isEqualTo(first.startedAt());
    assertThat(later.lastBeat()).isAfterOrEqualTo(first.lastBeat());
    assertThat(kit.store.workers()).hasSize(1);
    worker.close();
  }

  private WorkerHeartbeat awaitBeat(Predicate<WorkerHeartbeat> condition) {
    return await()
        .atMost(PATIENCE)
        .until(
            () -> kit.store.workers().stream().filter(condition).findFirst(), Optional::isPresent)
        .orElseThrow();
  }
}
