package dev.celeriac.worker;

import static dev.celeriac.worker.TestMessages.NOW;
import static dev.celeriac.worker.TestMessages.QUEUE;
import static dev.celeriac.worker.TestMessages.aMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.celeriac.api.RetryPolicy;
import dev.celeriac.api.RevokeMode;
import dev.celeriac.api.TaskContext;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.DeadLetter;
import dev.celeriac.api.spi.TaskCompletion;
import dev.celeriac.worker.RecordingDelivery.Kind;
import dev.celeriac.worker.RecordingDelivery.Settlement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AttemptProcessorTest {
  private static final long SEED = 42;

  private final SampleTasks tasks = new SampleTasks();
  private final FakeTaskStore store = new FakeTaskStore();
  private final TaskRegistry registry = TaskRegistry.builder().register(tasks).build();

  private AttemptProcessor processor() {
    return processor(Duration.ofSeconds(1));
  }

  private AttemptProcessor processor(Duration interruptGrace) {
    return AttemptProcessor.builder()
        .registry(registry)
        .store(store)
        .workerId("worker-1")
        .clock(InstantSource.fixed(NOW))
        .random(new Random(SEED))
        .interruptGrace(interruptGrace)
        .storeFailurePause(Duration.ofMillis(10))
        .build();
  }

  /** A settlement made when the store already held {@code state}: after the commit. */
  private static Settlement settledAfterCommitting(Kind kind, TaskState state) {
    return new Settlement(kind, state);
  }

  private TaskCompletion onlyCompletion() {
    assertThat(store.completions()).hasSize(1);
    return store.completions().getFirst();
  }

  @Test
  void successStoresTheResultAndAcksOnlyAfterTheCommit() {
    store.commitAfter(Duration.ofMillis(50));
    RecordingDelivery delivery = aMessage("math.add", 2, 3).deliveredFrom(store);

    assertThat(processor().process(delivery)).isEqualTo(DeliveryOutcome.SUCCEEDED);

    TaskCompletion completion = onlyCompletion();
    assertThat(completion.state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(completion.result()).isEqualTo(IntNode.valueOf(5));
    assertThat(completion.workerId()).isEqualTo("worker-1");
    assertThat(completion.finishedAt()).isEqualTo(NOW);
    assertThat(delivery.settlements())
        .containsExactly(settledAfterCommitting(Kind.ACK, TaskState.SUCCEEDED));
  }

  @Test
  void voidTaskStoresJsonNull() {
    RecordingDelivery delivery = aMessage("notes.write", "hello").deliveredFrom(store);

    assertThat(processor().process(delivery)).isEqualTo(DeliveryOutcome.SUCCEEDED);

    assertThat(onlyCompletion().result()).isEqualTo(NullNode.getInstance());
  }

  @Test
  void taskReceivesItsContextAndGenericArgumentsWithTheTaskInTheMdc() {
    TestMessages message =
        aMessage("orders.sum", List.of(new SampleTasks.Line("apple", 3, 50)))
            .attempt(2)
            .headers(Map.of("trace", "t-1"));
    RecordingDelivery delivery = message.deliveredFrom(store);

    assertThat(processor().process(delivery)).isEqualTo(DeliveryOutcome.SUCCEEDED);

    assertThat(onlyCompletion().result()).isEqualTo(LongNode.valueOf(150));
    TaskContext context = tasks.context.get();
    assertThat(context).isNotNull();
    assertThat(context.taskId()).isEqualTo(delivery.taskId());
    assertThat(context.taskName()).isEqualTo("orders.sum");
    assertThat(context.attempt()).isEqualTo(2);
    assertThat(context.maxAttempts()).isEqualTo(3);
    assertThat(context.deadline()).isNull();
    assertThat(context.headers()).containsEntry("trace", "t-1");
    assertThat(context.isCancelled()).isFalse();
    assertThat(tasks.mdc.get())
        .containsEntry("taskId", String.valueOf(delivery.taskId()))
        .containsEntry("taskName", "orders.sum");
  }

  @Test
  void malformedMessageIsRecordedDeadThenRejected() {
    store.commitAfter(Duration.ofMillis(50));
    TaskId id = TaskId.generate();
    byte[] body = "{not json".getBytes(StandardCharsets.UTF_8);
    var delivery = new RecordingDelivery(QUEUE, body, id, store);

    assertThat(processor().process(delivery)).isEqualTo(DeliveryOutcome.DEAD);

    DeadLetter dead = store.deadLetters().getFirst();
    assertThat(dead.taskId()).isEqualTo(id);
    assertThat(dead.queue()).isEqualTo(QUEUE);
    assertThat(dead.body()).isEqualTo(body);
    assertThat(dead.reason().type()).isEqualTo(FailureReasons.MALFORMED_MESSAGE);
    assertThat(dead.reason().message()).contains("not valid JSON");
    assertThat(dead.at()).isEqualTo(NOW);
    assertThat(store.state(id)).contains(TaskState.DEAD);
    assertThat(delivery.settlements())
        .containsExactly(settledAfterCommitting(Kind.REJECT, TaskState.DEAD));
  }

  @Test
  void unknownTaskIsRecordedDeadNamingTheTaskAndQueueThenRejected() {
    RecordingDelivery delivery = aMessage("nobody.home", 1).deliveredFrom(store);

    assertThat(processor().process(delivery)).isEqualTo(DeliveryOutcome.DEAD);

    DeadLetter dead = store.deadLetters().getFirst();
    assertThat(dead.taskId()).isEqualTo(delivery.taskId());
    assertThat(dead.reason().type()).isEqualTo(FailureReasons.UNKNOWN_TASK);
    assertThat(dead.reason().message()).contains("'nobody.home'", "'" + QUEUE + "'");
    assertThat(store.state(delivery.taskId())).contains(TaskState.DEAD);
    assertThat(delivery.settlements())
        .containsExactly(settledAfterCommitting(Kind.REJECT, TaskState.DEAD));
  }

  @Test
  void badArgumentsAreRecordedDeadWithoutRunningThenRejected() {
    RecordingDelivery delivery = aMessage("math.add", "two", 3).deliveredFrom(store);

    assertThat(processor().process(delivery)).isEqualTo(DeliveryOutcome.DEAD);

    DeadLetter dead = store.deadLetters().getFirst();
    assertThat(dead.reason().type()).isEqualTo(FailureReasons.BAD_ARGUMENTS);
    assertThat(dead.reason().message()).contains("argument 0", "'math.add'", "int");
    assertThat(tasks.calls).hasValue(0);
    assertThat(delivery.settlements())
        .containsExactly(settledAfterCommitting(Kind.REJECT, TaskState.DEAD));
  }

  @Test
  void expiredMessageIsRecordedExpiredAndAckedWithoutRunning() {
    RecordingDelivery delivery =
        aMessage("math.add", 1, 2).expires(NOW.minusSeconds(1)).deliveredFrom(store);

    assertThat(processor().process(delivery)).isEqualTo(DeliveryOutcome.EXPIRED);

    TaskCompletion completion = onlyCompletion();
    assertThat(completion.state()).isEqualTo(TaskState.EXPIRED);
    assertThat(completion.failure().type()).isEqualTo(FailureReasons.EXPIRED);
    assertThat(tasks.calls).hasValue(0);
    assertThat(delivery.settlements())
        .containsExactly(settledAfterCommitting(Kind.ACK, TaskState.EXPIRED));
  }

  @Test
  void redeliveredTaskWithStoredResultIsAckedWithoutRunning() {
    RecordingDelivery delivery = aMessage("math.add", 1, 2).deliveredFrom(store);
    store.putState(delivery.taskId(), TaskState.SUCCEEDED);

    assertThat(processor().process(delivery)).isEqualTo(DeliveryOutcome.SKIPPED_ALREADY_FINISHED);

    assertThat(tasks.calls).hasValue(0);
    assertThat(store.completions()).isEmpty();
    assertThat(delivery.settlements())
        .containsExactly(settledAfterCommitting(Kind.ACK, TaskState.SUCCEEDED));
  }

  @Test
  void taskRevokedWhileRunningKeepsItsRevocationAndIsAcked() {
    RecordingDelivery delivery = aMessage("math.add", 1, 2).deliveredFrom(store);
    tasks.duringRun = () -> store.revoke(delivery.taskId(), NOW).join();

    assertThat(processor().process(delivery)).isEqualTo(DeliveryOutcome.SKIPPED_ALREADY_FINISHED);

    assertThat(tasks.calls).hasValue(1);
    assertThat(store.state(delivery.taskId())).contains(TaskState.REVOKED);
    assertThat(delivery.settlements())
        .containsExactly(settledAfterCommitting(Kind.ACK, TaskState.REVOKED));
  }

  @Test
  void taskRevokedWithTerminateWhileRunningIsInterruptedRecordedRevokedAndAcked() throws Exception {
    AttemptProcessor processor = processor();
    RecordingDelivery delivery = aMessage("patient").deliveredFrom(store);
    var outcome = new CompletableFuture<DeliveryOutcome>();
    Thread.ofVirtual().start(() -> outcome.complete(processor.process(delivery)));
    assertThat(tasks.started.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(processor.runningTaskIds()).containsExactly(delivery.taskId());

    store.revoke(delivery.taskId(), NOW, RevokeMode.TERMINATE).join();
    assertThat(processor.terminate(store.terminationsRequested(processor.runningTaskIds())))
        .isEqualTo(1);

    assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo(DeliveryOutcome.REVOKED);
    assertThat(tasks.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(store.completions()).isEmpty(); // the revocation is the task's one result
    TaskCompletion completion = store.endedAttempts().getFirst();
    assertThat(store.endedAttempts()).hasSize(1);
    assertThat(completion.state()).isEqualTo(TaskState.REVOKED);
    assertThat(completion.failure().type()).isEqualTo(FailureReasons.REVOKED);
    assertThat(completion.retry()).isNull();
    assertThat(store.state(delivery.taskId())).contains(TaskState.REVOKED);
    assertThat(delivery.settlements())
        .containsExactly(settledAfterCommitting(Kind.ACK, TaskState.REVOKED));
    assertThat(processor.runningTaskIds()).isEmpty();
  }

  @Test
  void terminatedTaskThatIgnoresTheInterruptIsAbandonedStaysRevokedAndItsResultIsDiscarded()
      throws Exception {
    AttemptProcessor processor = processor(Duration.ofMillis(50));
    RecordingDelivery delivery = aMessage("obstinate").deliveredFrom(store);
    var outcome = new CompletableFuture<DeliveryOutcome>();
    Thread.ofVirtual().start(() -> outcome.complete(processor.process(delivery)));
    assertThat(tasks.started.await(10, TimeUnit.SECONDS)).isTrue();
    store.revoke(delivery.taskId(), NOW, RevokeMode.TERMINATE).join();

    processor.terminate(List.of(delivery.taskId()));

    assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo(DeliveryOutcome.REVOKED);
    assertThat(tasks.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(processor.abandonedAttempts()).isEqualTo(1);
    tasks.release.countDown();
    assertThat(store.endedAttempts())
        .singleElement()
        .extracting(TaskCompletion::state)
        .isEqualTo(TaskState.REVOKED);
    assertThat(store.state(delivery.taskId())).contains(TaskState.REVOKED);
    assertThat(delivery.settlements()).extracting(Settlement::kind).containsExactly(Kind.ACK);
  }

  @Test
  void terminationOfATaskThatDoesNotRunHereIsIgnored() {
    assertThat(processor().terminate(List.of(TaskId.generate()))).isZero();
  }

  @Test
  void failureWithAttemptsLeftSchedulesTheNextAttemptAfterTheJitteredBackoff() {
    TestMessages message = aMessage("flaky");
    RecordingDelivery delivery = message.deliveredFrom(store);

    assertThat(processor().process(delivery)).isEqualTo(DeliveryOutcome.RETRY_SCHEDULED);

    TaskCompletion completion = onlyCompletion();
    assertThat(completion.state()).isEqualTo(TaskState.RETRYING);
    assertThat(completion.failure().type()).isEqualTo(IllegalStateException.class.getName());
    assertThat(completion.failure().message()).isEqualTo("flaky failed on purpose");
    assertThat(completion.failure().stackTrace()).contains("SampleTasks.flaky");
    TaskMessage retry = completion.retry();
    assertThat(retry).isNotNull();
    assertThat(retry.id()).isEqualTo(delivery.taskId());
    assertThat(retry.attempt()).isEqualTo(2);
    RetryPolicy policy = registry.find("flaky").orElseThrow().definition().retryPolicy();
    assertThat(retry.eta()).isEqualTo(NOW.plus(policy.backoffBefore(2, new Random(SEED))));
    assertThat(retry.eta()).isBetween(NOW.plusSeconds(1), NOW.plusSeconds(2));
    assertThat(delivery.settlements())
        .containsExactly(settledAfterCommitting(Kind.ACK, TaskState.RETRYING));
  }

  @Test
  void failureOfTheLastAttemptFailsTheTask() {
    RecordingDelivery delivery = aMessage("flaky").attempt(3).deliveredFrom(store);

    assertThat(processor().process(delivery)).isEqualTo(DeliveryOutcome.FAILED);

    TaskCompletion completion = onlyCompletion();
    assertThat(completion.state()).isEqualTo(TaskState.FAILED);
    assertThat(completion.retry()).isNull();
    assertThat(store.state(delivery.taskId())).contains(TaskState.FAILED);
    assertThat(delivery.settlements())
        .containsExactly(settledAfterCommitting(Kind.ACK, TaskState.FAILED));
  }

  @Test
  void exceptionListedAsNeverRetriedFailsAtOnce() {
    RecordingDelivery delivery = aMessage("strict").deliveredFrom(store);

    assertThat(processor().process(delivery)).isEqualTo(DeliveryOutcome.FAILED);

    TaskCompletion completion = onlyCompletion();
    assertThat(completion.failure().type()).isEqualTo(IllegalArgumentException.class.getName());
    assertThat(completion.retry()).isNull();
    assertThat(tasks.calls).hasValue(1);
  }

  @Test
  void resultJacksonCannotEncodeFailsTheTaskWithAClearReason() {
    RecordingDelivery delivery = aMessage("opaque").deliveredFrom(store);

    assertThat(processor().process(delivery)).isEqualTo(DeliveryOutcome.FAILED);

    TaskCompletion completion = onlyCompletion();
    assertThat(completion.failure().type()).isEqualTo(FailureReasons.UNENCODABLE_RESULT);
    assertThat(completion.failure().message()).contains("'opaque'", "java.lang.Object");
    assertThat(completion.retry()).isNull();
  }

  @Test
  void attemptPastItsTimeoutIsInterruptedCancelledAndRetriedAsTimedOut() throws Exception {
    RecordingDelivery delivery = aMessage("slow").deliveredFrom(store);

    assertThat(processor().process(delivery)).isEqualTo(DeliveryOutcome.TIMED_OUT);

    assertThat(tasks.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(tasks.context.get().isCancelled()).isTrue();
    assertThat(tasks.context.get().deadline()).isEqualTo(NOW.plusMillis(200));
    TaskCompletion completion = onlyCompletion();
    assertThat(completion.state()).isEqualTo(TaskState.TIMED_OUT);
    assertThat(completion.failure().type())
        .isEqualTo(java.util.concurrent.TimeoutException.class.getName());
    assertThat(completion.failure().message()).contains("'slow'", "PT0.2S");
    assertThat(completion.retry().attempt()).isEqualTo(2);
    assertThat(delivery.settlements())
        .containsExactly(settledAfterCommitting(Kind.ACK, TaskState.TIMED_OUT));
  }

  @Test
  void attemptIgnoringTheInterruptIsAbandonedAndCounted() throws Exception {
    AttemptProcessor processor = processor(Duration.ofMillis(50));
    RecordingDelivery delivery = aMessage("stubborn").deliveredFrom(store);
    try {
      assertThat(processor.process(delivery)).isEqualTo(DeliveryOutcome.FAILED);

      assertThat(tasks.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(processor.abandonedAttempts()).isEqualTo(1);
      assertThat(onlyCompletion().failure().type())
          .isEqualTo(java.util.concurrent.TimeoutException.class.getName());
      assertThat(delivery.settlements())
          .containsExactly(settledAfterCommitting(Kind.ACK, TaskState.FAILED));
    } finally {
      tasks.release.countDown();
    }
  }

  @Test
  void storeFailureWhenStartingReleasesTheDeliveryWithoutRunning() {
    store.failing(FakeTaskStore.Write.STARTED);
    RecordingDelivery delivery = aMessage("math.add", 1, 2).deliveredFrom(store);

    assertThat(processor().process(delivery)).isEqualTo(DeliveryOutcome.RELEASED);

    assertThat(tasks.calls).hasValue(0);
    assertThat(delivery.settlements()).extracting(Settlement::kind).containsExactly(Kind.RELEASE);
  }

  @Test
  void deliveryIsHeldAfterAStoreFailureBeforeItIsReleasedSoAnOutageDoesNotUseUpItsDeliveries()
      throws Exception { // #9
    store.failing(FakeTaskStore.Write.STARTED);
    RecordingDelivery delivery = aMessage("math.add", 1, 2).deliveredFrom(store);
    AttemptProcessor holding =
        AttemptProcessor.builder()
            .registry(registry)
            .store(store)
            .workerId("worker-1")
            .storeFailurePause(Duration.ofMinutes(10))
            .build();
    var outcome = new CompletableFuture<DeliveryOutcome>();
    Thread processing = Thread.ofVirtual().start(() -> outcome.complete(holding.process(delivery)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> processing.getState() == Thread.State.TIMED_WAITING);

    assertThat(delivery.settlements()).as("held, not yet released").isEmpty();
    processing.interrupt();

    assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo(DeliveryOutcome.RELEASED);
    assertThat(tasks.calls).hasValue(0);
    assertThat(delivery.settlements()).extracting(Settlement::kind).containsExactly(Kind.RELEASE);
  }

  @Test
  void storeFailureWhenRecordingTheResultReleasesTheDeliveryInsteadOfAcking() {
    store.failing(FakeTaskStore.Write.FINISHED);
    RecordingDelivery delivery = aMessage("math.add", 1, 2).deliveredFrom(store);

    assertThat(processor().process(delivery)).isEqualTo(DeliveryOutcome.RELEASED);

    assertThat(tasks.calls).hasValue(1);
    assertThat(delivery.settlements()).extracting(Settlement::kind).containsExactly(Kind.RELEASE);
  }

  @Test
  void storeFailureWhenDeadLetteringReleasesTheDeliveryInsteadOfRejecting() {
    store.failing(FakeTaskStore.Write.DEAD);
    RecordingDelivery delivery = aMessage("nobody.home").deliveredFrom(store);

    assertThat(processor().process(delivery)).isEqualTo(DeliveryOutcome.RELEASED);

    assertThat(delivery.settlements()).extracting(Settlement::kind).containsExactly(Kind.RELEASE);
  }

  @Test
  void storeThatDoesNotAnswerInTimeCountsAsFailedAndReleasesTheDelivery() {
    store.commitAfter(Duration.ofMinutes(10));
    AttemptProcessor processor =
        AttemptProcessor.builder()
            .registry(registry)
            .store(store)
            .workerId("worker-1")
            .storeTimeout(Duration.ofMillis(100))
            .build();
    RecordingDelivery delivery = aMessage("math.add", 1, 2).deliveredFrom(store);

    assertThat(processor.process(delivery)).isEqualTo(DeliveryOutcome.RELEASED);

    assertThat(tasks.calls).hasValue(0);
    assertThat(delivery.settlements()).extracting(Settlement::kind).containsExactly(Kind.RELEASE);
  }

  @Test
  void interruptingTheProcessingThreadInterruptsTheTaskAndReleasesTheDelivery() throws Exception {
    RecordingDelivery delivery = aMessage("patient").deliveredFrom(store);
    var outcome = new CompletableFuture<DeliveryOutcome>();
    Thread processing =
        Thread.ofVirtual().start(() -> outcome.complete(processor().process(delivery)));
    assertThat(tasks.started.await(10, TimeUnit.SECONDS)).isTrue();

    processing.interrupt();

    assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo(DeliveryOutcome.RELEASED);
    assertThat(tasks.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(store.completions()).isEmpty();
    assertThat(delivery.settlements()).extracting(Settlement::kind).containsExactly(Kind.RELEASE);
  }

  @Test
  void messageDeliveredMoreOftenThanThePoisonLimitIsRecordedDeadThenRejectedWithoutRunning() {
    RecordingDelivery delivery = aMessage("math.add", 1, 2).deliveredFrom(store).deliveredTimes(3);
    AttemptProcessor processor =
        AttemptProcessor.builder()
            .registry(registry)
            .store(store)
            .workerId("worker-1")
            .clock(InstantSource.fixed(NOW))
            .poisonLimit(2)
            .build();

    assertThat(processor.process(delivery)).isEqualTo(DeliveryOutcome.DEAD);

    DeadLetter dead = store.deadLetters().getFirst();
    assertThat(dead.reason().type()).isEqualTo(FailureReasons.POISON_MESSAGE);
    assertThat(dead.reason().message()).contains("delivered 3 times", "poison limit of 2");
    assertThat(dead.deliveryCount()).isEqualTo(3);
    assertThat(tasks.calls).hasValue(0);
    assertThat(delivery.settlements())
        .containsExactly(settledAfterCommitting(Kind.REJECT, TaskState.DEAD));
  }

  @Test
  void messageDeliveredExactlyThePoisonLimitTimesStillRuns() {
    RecordingDelivery delivery =
        aMessage("math.add", 1, 2)
            .deliveredFrom(store)
            .deliveredTimes(AttemptProcessor.DEFAULT_POISON_LIMIT);

    assertThat(processor().process(delivery)).isEqualTo(DeliveryOutcome.SUCCEEDED);
  }

  @Test
  void poisonLimitBelowOneIsRejected() {
    assertThatThrownBy(() -> AttemptProcessor.builder().poisonLimit(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("poisonLimit must be >= 1, was 0");
  }

  @Test
  void messageDeliveredBeforeItsEtaGoesBackToTheDelayedTableAndIsAckedWithoutRunning() {
    TestMessages early = aMessage("math.add", 1, 2).eta(NOW.plusSeconds(60));
    RecordingDelivery delivery = early.deliveredFrom(store);

    assertThat(processor().process(delivery)).isEqualTo(DeliveryOutcome.RESCHEDULED);

    assertThat(store.scheduled()).singleElement().isEqualTo(early.build());
    assertThat(tasks.calls).hasValue(0);
    assertThat(delivery.settlements()).extracting(Settlement::kind).containsExactly(Kind.ACK);
  }

  @Test
  void messageWhoseEtaHasComeRuns() {
    RecordingDelivery delivery = aMessage("math.add", 1, 2).eta(NOW).deliveredFrom(store);

    assertThat(processor().process(delivery)).isEqualTo(DeliveryOutcome.SUCCEEDED);

    assertThat(store.scheduled()).isEmpty();
  }

  @Test
  void storeFailureWhenReschedulingReleasesTheDeliveryInsteadOfAcking() {
    store.failing(FakeTaskStore.Write.SCHEDULED);
    RecordingDelivery delivery =
        aMessage("math.add", 1, 2).eta(NOW.plusSeconds(60)).deliveredFrom(store);

    assertThat(processor().process(delivery)).isEqualTo(DeliveryOutcome.RELEASED);

    assertThat(delivery.settlements()).extracting(Settlement::kind).containsExactly(Kind.RELEASE);
  }

  @Test
  void interruptingATaskWithoutTimeoutReleasesItsDeliveryInsteadOfFailingIt() throws Exception {
    var bodyStarted = new CountDownLatch(1);
    tasks.duringRun =
        () -> {
          bodyStarted.countDown();
          try {
            tasks.release.await();
          } catch (InterruptedException e) {
            tasks.interrupted.countDown();
            throw new IllegalStateException("interrupted", e);
          }
        };
    RecordingDelivery delivery = aMessage("math.add", 1, 2).deliveredFrom(store);
    var outcome = new CompletableFuture<DeliveryOutcome>();
    Thread processing =
        Thread.ofVirtual().start(() -> outcome.complete(processor().process(delivery)));
    assertThat(bodyStarted.await(10, TimeUnit.SECONDS)).isTrue();

    processing.interrupt();

    assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo(DeliveryOutcome.RELEASED);
    assertThat(tasks.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(store.completions()).isEmpty();
    assertThat(delivery.settlements()).extracting(Settlement::kind).containsExactly(Kind.RELEASE);
  }

  @Test
  void listenerHearsTheStartAndTheOutcomeOfEachAttempt() {
    List<String> heard = new CopyOnWriteArrayList<>();
    AttemptListener listener =
        new AttemptListener() {
          @Override
          public void attemptStarted(TaskMessage message, Instant startedAt) {
            heard.add("started " + message.task() + " at " + startedAt);
          }

          @Override
          public void attemptFinished(
              TaskMessage message, DeliveryOutcome outcome, Duration duration) {
            heard.add("finished " + message.task() + " " + outcome);
          }
        };
    AttemptProcessor processor =
        AttemptProcessor.builder()
            .registry(registry)
            .store(store)
            .workerId("worker-1")
            .clock(InstantSource.fixed(NOW))
            .listener(listener)
            .build();

    processor.process(aMessage("math.add", 1, 2).deliveredFrom(store));
    processor.process(aMessage("flaky").deliveredFrom(store));
    processor.process(aMessage("nobody.home").deliveredFrom(store));

    assertThat(heard)
        .containsExactly(
            "started math.add at " + NOW,
            "finished math.add SUCCEEDED",
            "started flaky at " + NOW,
            "finished flaky RETRY_SCHEDULED");
  }

  @Test
  void failingListenerDoesNotChangeTheOutcome() {
    AttemptListener failing =
        new AttemptListener() {
          @Override
          public void attemptStarted(TaskMessage message, Instant startedAt) {
            throw new IllegalStateException("listener bug");
          }
        };
    AttemptProcessor processor =
        AttemptProcessor.builder()
            .registry(registry)
            .store(store)
            .workerId("worker-1")
            .listener(failing)
            .build();
    RecordingDelivery delivery = aMessage("math.add", 1, 2).deliveredFrom(store);

    assertThat(processor.process(delivery)).isEqualTo(DeliveryOutcome.SUCCEEDED);
  }
}
