package dev.celeriac.worker;

import static dev.celeriac.worker.WorkerKit.PATIENCE;
import static dev.celeriac.worker.WorkerKit.QUEUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.ConsumerOptions;
import dev.celeriac.api.spi.Delivery;
import dev.celeriac.api.spi.OutboundMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkerShutdownTest {
  private final WorkerKit kit = new WorkerKit();
  private final RuntimeTasks first = new RuntimeTasks();
  private final RuntimeTasks second = new RuntimeTasks();

  @AfterEach
  void closeKit() {
    first.gate.countDown();
    first.longGate.countDown();
    kit.close();
  }

  private List<TaskId> submitLong(int count) {
    List<TaskId> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(kit.client.submit(RuntimeTasks::longRunning, "long-" + i).id());
    }
    return ids;
  }

  private static CompletableFuture<Boolean> drainInBackground(Worker worker, Duration grace) {
    CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> worker.drain(grace));
    await().atMost(PATIENCE).until(() -> worker.state() != Worker.State.RUNNING);
    return drained;
  }

  /** Runs the released tasks on a second worker whose long tasks end at once. */
  private void secondWorkerFinishes(List<TaskId> ids) {
    second.longGate.countDown();
    kit.start(kit.config(), second);
    ids.forEach(id -> kit.awaitState(id, TaskState.SUCCEEDED));
  }

  @Test
  void drainLetsShortTasksFinishAndReleasesLongOnesWhichAnotherWorkerCompletes() throws Exception {
    Worker worker = kit.start(kit.config(), first);
    List<TaskId> shortOnes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      shortOnes.add(kit.client.submit(RuntimeTasks::shortRunning, "short-" + i).id());
    }
    List<TaskId> longOnes = submitLong(3);
    await().atMost(PATIENCE).until(() -> first.running.get() == 6);

    CompletableFuture<Boolean> drained = drainInBackground(worker, Duration.ofSeconds(3));
    first.gate.countDown();

    assertThat(drained.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isFalse();
    assertThat(worker.state()).isEqualTo(Worker.State.CLOSED);
    shortOnes.forEach(id -> assertThat(kit.record(id).state()).isEqualTo(TaskState.SUCCEEDED));
    assertThat(first.interrupted.get()).isEqualTo(3);
    assertThat(worker.stats().succeeded()).isEqualTo(3);
    assertThat(worker.stats().released()).isEqualTo(3);
    assertThat(kit.broker.depth(QUEUE)).isEqualTo(3);

    secondWorkerFinishes(longOnes);
    for (int i = 0; i < 3; i++) {
      assertThat(first.runs("short-" + i)).isEqualTo(1);
      assertThat(second.runs("long-" + i)).isEqualTo(1);
    }
  }

  @Test
  void drainReturnsTrueWhenEveryTaskFinishesWithinTheGrace() throws Exception {
    Worker worker = kit.start(kit.config(), first);
    TaskId id = kit.client.submit(RuntimeTasks::shortRunning, "short").id();
    await().atMost(PATIENCE).until(() -> first.running.get() == 1);

    CompletableFuture<Boolean> drained = drainInBackground(worker, Duration.ofMinutes(10));
    first.gate.countDown();

    assertThat(drained.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(kit.record(id).state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(kit.broker.depth(QUEUE) + kit.broker.inFlight(QUEUE)).isZero();
  }

  @Test
  void secondCloseStopsAtOnceAndLosesNoTask() throws Exception {
    Worker worker = kit.start(kit.config(), first);
    List<TaskId> ids = submitLong(5);
    await().atMost(PATIENCE).until(() -> first.running.get() == 5);
    CompletableFuture<Boolean> drained = drainInBackground(worker, Duration.ofMinutes(10));

    worker.close();

    assertThat(worker.state()).isEqualTo(Worker.State.CLOSED);
    assertThat(drained.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isFalse();
    assertThat(first.interrupted.get()).isEqualTo(5);
    assertThat(kit.broker.depth(QUEUE)).isEqualTo(5);
    ids.forEach(id -> assertThat(kit.record(id).state()).isEqualTo(TaskState.STARTED));

    secondWorkerFinishes(ids);
  }

  @Test
  void taskThatIgnoresTheInterruptIsAbandonedAndItsDeliveryStillGoesBack() {
    Worker worker = kit.start(kit.config().interruptGrace(Duration.ofMillis(100)), first);
    TaskId id = kit.client.submit(RuntimeTasks::stubborn).id();
    await().atMost(PATIENCE).until(() -> first.running.get() == 1);

    assertThat(worker.drain(Duration.ZERO)).isFalse();

    assertThat(worker.stats().abandoned()).isEqualTo(1);
    assertThat(kit.broker.depth(QUEUE)).isEqualTo(1);
    secondWorkerFinishes(List.of(id));
  }

  @Test
  void startingTwiceIsRefused() {
    Worker worker = kit.start(kit.config(), first);

    assertThatThrownBy(worker::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("RUNNING");
  }

  @Test
  void closingBeforeStartAndClosingTwiceAreHarmless() {
    Worker worker = kit.build(kit.config(), first, kit.broker);

    worker.close();
    worker.close();

    assertThat(worker.state()).isEqualTo(Worker.State.CLOSED);
    assertThatThrownBy(worker::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void brokerRefusingTheSubscriptionFailsStartAndLeavesTheWorkerClosed() {
    Broker refusing =
        new Broker() {
          @Override
          public CompletableFuture<Void> publish(OutboundMessage message) {
            return kit.broker.publish(message);
          }

          @Override
          public BrokerConsumer subscribe(Set<String> queues, ConsumerOptions options) {
            throw new BrokerException("no broker answers");
          }

          @Override
          public void close() {}
        };
    Worker worker = kit.build(kit.config(), first, refusing);

    assertThatThrownBy(worker::start)
        .isInstanceOf(BrokerException.class)
        .hasMessage("no broker answers");
    assertThat(worker.state()).isEqualTo(Worker.State.CLOSED);
    assertThat(kit.store.workers()).isEmpty();
  }

  @Test
  void shutdownHookDrainsTheWorkerWithItsGrace() {
    Worker worker = kit.start(kit.config(), first);
    Thread hook = WorkerShutdownHook.install(worker, Duration.ofSeconds(5));
    try {
      assertThat(hook.getName()).isEqualTo("celeriac-worker-shutdown");

      hook.run();

      assertThat(worker.state()).isEqualTo(Worker.State.CLOSED);
    } finally {
      assertThat(Runtime.getRuntime().removeShutdownHook(hook)).isTrue();
    }
  }

  @Test
  void pollThatFailsIsRetriedAndTheWorkerKeepsRunningTasks() {
    var failures = new AtomicInteger();
    Broker flaky =
        new Broker() {
          @Override
          public CompletableFuture<Void> publish(OutboundMessage message) {
            return kit.broker.publish(message);
          }

          @Override
          public BrokerConsumer subscribe(Set<String> queues, ConsumerOptions options) {
            BrokerConsumer consumer = kit.broker.subscribe(queues, options);
            return new BrokerConsumer() {
              @Override
              public List<Delivery> poll(int maxMessages, Duration timeout) {
                if (failures.getAndIncrement() < 2) {
                  throw new BrokerException("connection reset");
                }
                return consumer.poll(maxMessages, timeout);
              }

              @Override
              public void close() {
                consumer.close();
              }
            };
          }

          @Override
          public void close() {}
        };
    kit.start(kit.config(), first, flaky);

    TaskId id = kit.client.submit(RuntimeTasks::add, 1, 1).id();

    kit.awaitState(id, TaskState.SUCCEEDED);
    assertThat(failures.get()).isGreaterThan(2);
  }
}
