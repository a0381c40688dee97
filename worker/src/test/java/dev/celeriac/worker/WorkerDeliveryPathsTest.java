package dev.celeriac.worker;

import static dev.celeriac.worker.WorkerKit.PATIENCE;
import static dev.celeriac.worker.WorkerKit.QUEUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.internal.JsonMappers;
import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.ConsumerOptions;
import dev.celeriac.api.spi.DeadLetter;
import dev.celeriac.api.spi.TaskRecord;
import dev.celeriac.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkerDeliveryPathsTest {
  private final RuntimeTasks tasks = new RuntimeTasks();

  private static TaskMessage addMessage(Instant submittedAt, Instant eta) {
    ArrayNode args = JsonMappers.standard().createArrayNode().add(2).add(3);
    return new TaskMessage(
        TaskMessage.CURRENT_VERSION,
        TaskId.generate(),
        "rt.add",
        args,
        QUEUE,
        1,
        eta,
        null,
        0,
        null,
        Map.of(),
        submittedAt);
  }

  @Test
  void messageDeliveredBeforeItsEtaGoesBackToTheDelayedTableAndRunsOnceDue() {
    var clock = new ManualClock();
    try (var kit = new WorkerKit(clock)) {
      Worker worker = kit.start(kit.config().dispatchMaxWait(Duration.ofMillis(50)), tasks);
      Instant eta = clock.instant().plus(Duration.ofHours(1));
      TaskMessage early = addMessage(clock.instant(), eta);

      kit.publish(early);

      kit.awaitState(early.id(), TaskState.SCHEDULED);
      await().atMost(PATIENCE).until(() -> worker.stats().inFlight() == 0);
      assertThat(kit.store.nextDue()).contains(eta);
      assertThat(kit.broker.depth(QUEUE) + kit.broker.inFlight(QUEUE)).isZero();
      assertThat(tasks.runs("add")).isZero();

      clock.advance(Duration.ofHours(1));

      TaskRecord done = kit.awaitState(early.id(), TaskState.SUCCEEDED);
      assertThat(done.result()).isEqualTo(IntNode.valueOf(5));
      assertThat(tasks.runs("add")).isEqualTo(1);
      assertThat(kit.store.nextDue()).isEmpty();
    }
  }

  @Test
  void messageDeliveredMoreOftenThanThePoisonLimitIsRecordedDeadAndRejectedWithoutRunning() {
    try (var kit = new WorkerKit()) {
      TaskId id = kit.client.submit(RuntimeTasks::add, 2, 3).id();
      BrokerConsumer crashing = kit.broker.subscribe(Set.of(QUEUE), ConsumerOptions.defaults(1));
      for (int i = 0; i < 5; i++) {
        crashing.poll(1, Duration.ZERO).getFirst().release();
      }
      crashing.close();

      Worker worker = kit.start(kit.config().poisonLimit(5), tasks);

      TaskRecord dead = kit.awaitState(id, TaskState.DEAD);
      assertThat(dead.failure().type()).isEqualTo(FailureReasons.POISON_MESSAGE);
      assertThat(dead.failure().message()).contains("delivered 6 times", "poison limit of 5");
      List<DeadLetter> letters = kit.store.deadLetters(10);
      assertThat(letters)
          .singleElement()
          .satisfies(l -> assertThat(l.deliveryCount()).isEqualTo(6));
      assertThat(kit.broker.deadLetters(QUEUE)).hasSize(1);
      assertThat(tasks.runs("add")).isZero();
      await().atMost(PATIENCE).until(() -> worker.stats().dead() == 1);
    }
  }

  @Test
  void failedAttemptIsBroughtBackByTheWorkersOwnDispatcherAndSucceeds() {
    try (var kit = new WorkerKit()) {
      Worker worker = kit.start(kit.config(), tasks);

      TaskId id = kit.client.submit(RuntimeTasks::flaky, "k1").id();

      TaskRecord done = kit.awaitState(id, TaskState.SUCCEEDED);
      assertThat(done.result()).isEqualTo(TextNode.valueOf("recovered k1"));
      assertThat(done.attempts()).isEqualTo(2);
      assertThat(tasks.runs("k1")).isEqualTo(2);
      assertThat(kit.store.nextDue()).isEmpty();
      await().atMost(PATIENCE).until(() -> worker.stats().succeeded() == 1);
      assertThat(worker.stats().retried()).isEqualTo(1);
    }
  }

  @Test
  void retryWaitsForItsBackoffOnTheManualClockThenRuns() {
    var clock = new ManualClock();
    try (var kit = new WorkerKit(clock)) {
      kit.start(kit.config().dispatchMaxWait(Duration.ofMillis(50)), tasks);

      TaskId id = kit.client.submit(RuntimeTasks::flaky, "k2").id();

      kit.awaitState(id, TaskState.RETRYING);
      assertThat(kit.store.nextDue()).contains(clock.instant().plusMillis(20));
      clock.advance(Duration.ofMillis(20));
      kit.awaitState(id, TaskState.SUCCEEDED);
      assertThat(tasks.runs("k2")).isEqualTo(2);
    }
  }
}
