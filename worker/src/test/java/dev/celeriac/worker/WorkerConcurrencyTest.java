package dev.celeriac.worker;

import static dev.celeriac.worker.WorkerKit.PATIENCE;
import static dev.celeriac.worker.WorkerKit.QUEUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.celeriac.api.TaskHandle;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkerConcurrencyTest {
  private final WorkerKit kit = new WorkerKit();
  private final RuntimeTasks tasks = new RuntimeTasks();

  @AfterEach
  void closeKit() {
    tasks.gate.countDown();
    kit.close();
  }

  private List<TaskId> submitBlocking(int count) {
    List<TaskId> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(kit.client.submit(RuntimeTasks::blocking, "task-" + i).id());
    }
    return ids;
  }

  @Test
  void tasksInFlightNeverExceedTheQueuesConcurrencyLimit() {
    Worker worker = kit.start(kit.config().concurrency(3), tasks);
    List<TaskId> ids = submitBlocking(10);

    await().atMost(PATIENCE).until(() -> tasks.running.get() == 3);
    assertThat(worker.stats().inFlight()).isEqualTo(3);
    assertThat(kit.broker.depth(QUEUE)).isEqualTo(7);

    tasks.gate.countDown();
    ids.forEach(id -> kit.awaitState(id, TaskState.SUCCEEDED));
    assertThat(tasks.maxRunning.get()).isEqualTo(3);
    assertThat(worker.stats().succeeded()).isEqualTo(10);
  }

  @Test
  void workerNeverAsksTheBrokerForMoreDeliveriesThanItHasFreePermits() {
    var observed = new ObservedBroker(kit.broker);
    kit.start(kit.config().concurrency(4), tasks, observed);
    List<TaskId> ids = submitBlocking(20);

    await().atMost(PATIENCE).until(() -> tasks.running.get() == 4);
    tasks.gate.countDown();
    ids.forEach(id -> kit.awaitState(id, TaskState.SUCCEEDED));

    assertThat(observed.polls()).isNotEmpty();
    assertThat(observed.polls())
        .allSatisfy(poll -> assertThat(poll.asked() + poll.unsettled()).isLessThanOrEqualTo(4));
    assertThat(observed.polls().stream().mapToInt(ObservedBroker.Poll::received).sum())
        .isEqualTo(20);
  }

  @Test
  void tenThousandBlockingTasksAreInFlightAtOnceOnVirtualThreadsAndAllSucceed() {
    Worker worker = kit.start(kit.config().concurrency(10_000), tasks);
    List<TaskId> ids = submitBlocking(10_000);

    await().atMost(PATIENCE).until(() -> tasks.running.get() >= 9_000);
    assertThat(worker.stats().inFlight()).isGreaterThanOrEqualTo(9_000);

    tasks.gate.countDown();
    await().atMost(PATIENCE).until(() -> worker.stats().succeeded() == 10_000);
    assertThat(ids)
        .allSatisfy(id -> assertThat(kit.record(id).state()).isEqualTo(TaskState.SUCCEEDED));
    assertThat(tasks.maxRunning.get()).isGreaterThanOrEqualTo(9_000);
  }

  @Test
  void cpuBoundTaskRunsOnThePlatformPoolAndReturnsItsResult() throws Exception {
    kit.start(kit.config().cpuThreads(2), tasks);

    TaskHandle<Long> handle = kit.client.submit(RuntimeTasks::crunch, 1000);

    assertThat(handle.toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo(499_500L);
    assertThat(tasks.lastThread).startsWith("celeriac-cpu-");
    assertThat(tasks.lastThreadVirtual).isFalse();
  }
}
