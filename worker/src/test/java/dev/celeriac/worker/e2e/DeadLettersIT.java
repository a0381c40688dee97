package dev.celeriac.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.celeriac.api.SubmitOptions;
import dev.celeriac.api.TaskClient;
import dev.celeriac.api.TaskHandle;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.TaskSubmitter;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.ConsumerOptions;
import dev.celeriac.api.spi.DeadLetter;
import dev.celeriac.api.spi.Delivery;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.api.spi.TaskRecord;
import dev.celeriac.embedded.junit.IntegrationTest;
import dev.celeriac.worker.AttemptProcessor;
import dev.celeriac.worker.FailureReasons;
import dev.celeriac.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 3 and 4 acceptance: messages that can never run are recorded dead with their specific
 * reason, dead-lettered on the broker, and never hold up the queue.
 */
@IntegrationTest
@ParameterizedClass(name = "{0}")
@EnumSource(Brokers.class)
class DeadLettersIT {
  @Parameter Brokers broker;

  private E2eFixture fixture;
  private String queue;

  @BeforeEach
  void setUp() {
    fixture = new E2eFixture(broker);
    queue = fixture.brokers.newQueue("dead");
  }

  @AfterEach
  void cleanUp() {
    fixture.close();
  }

  @Test
  void unknownTaskBadArgumentsAndGarbageAreRecordedWithTheirErrorAndTheWorkerGoesOn()
      throws Exception {
    // One task at a time: a message that stuck would stop everything behind it.
    Worker worker = fixture.startWorker(fixture.workerConfig(queue).concurrency(1));
    SubmitOptions toQueue = SubmitOptions.builder().queue(queue).build();
    TaskHandle<?> unknown = fixture.client.submitByName("e2e.nope", List.of(1), toQueue);
    TaskHandle<?> badArguments =
        fixture.client.submitByName("e2e.echo", List.of("not a number"), toQueue);
    TaskId garbageId = TaskId.generate();
    byte[] garbage = "{\"v\":1,\"id\":".getBytes(StandardCharsets.UTF_8);
    fixture
        .brokers
        .newBroker()
        .publish(new OutboundMessage(queue, garbageId, "e2e.echo", 0, garbage, Map.of()))
        .get();
    TaskSubmitter submitter = fixture.to(queue);
    fixture.submitMany(20, i -> submitter.submit(E2eTasks::echo, i));

    assertThat(fixture.awaitAllSucceeded(queue, 20).lost()).isZero();
    TaskRecord unknownTask = awaitTerminal(unknown.id());
    assertThat(unknownTask.state()).isEqualTo(TaskState.DEAD);
    assertThat(unknownTask.failure().type()).isEqualTo(FailureReasons.UNKNOWN_TASK);
    assertThat(unknownTask.failure().message()).contains("no task named 'e2e.nope'");
    TaskRecord badTask = awaitTerminal(badArguments.id());
    assertThat(badTask.state()).isEqualTo(TaskState.DEAD);
    assertThat(badTask.failure().type()).isEqualTo(FailureReasons.BAD_ARGUMENTS);
    assertThat(badTask.failure().message()).contains("not a number");
    TaskRecord garbageTask = awaitTerminal(garbageId);
    assertThat(garbageTask.state()).isEqualTo(TaskState.DEAD);
    assertThat(garbageTask.failure().type()).isEqualTo(FailureReasons.MALFORMED_MESSAGE);
    List<DeadLetter> deadLetters = deadLettersOf(queue, 3);
    assertThat(deadLetters)
        .extracting(d -> d.reason().type())
        .containsExactlyInAnyOrder(
            FailureReasons.UNKNOWN_TASK,
            FailureReasons.BAD_ARGUMENTS,
            FailureReasons.MALFORMED_MESSAGE);
    DeadLetter garbageLetter =
        deadLetters.stream()
            .filter(d -> d.reason().type().equals(FailureReasons.MALFORMED_MESSAGE))
            .findFirst()
            .orElseThrow();
    assertThat(garbageLetter.taskId()).isEqualTo(garbageId);
    assertThat(garbageLetter.body()).isEqualTo(garbage);
    assertThat(garbageLetter.deliveryCount()).isEqualTo(1);
    assertThat(worker.stats().dead()).isEqualTo(3);
    awaitDeadLetteredByTheBroker(3);
  }

  @Test
  void poisonMessageIsDeadLetteredAfterTheDeliveryLimitWithItsDeliveryCountAndTheQueueFlows()
      throws Exception {
    int workerLimit = AttemptProcessor.DEFAULT_POISON_LIMIT;
    // The broker's own limit is higher, so the worker sees the message once more and records it.
    Broker limited = fixture.brokers.newBroker(workerLimit * 2);
    TaskClient client = TaskClient.builder().broker(limited).store(fixture.store).build();
    TaskSubmitter submitter = client.with(SubmitOptions.builder().queue(queue).build());
    TaskHandle<Void> poison = submitter.submit(E2eTasks::noop);

    List<Integer> deliveryCounts = new ArrayList<>();
    for (int death = 1; death <= workerLimit; death++) {
      deliveryCounts.add(receiveAndDieWithoutSettling(limited, poison.id()));
    }
    Worker worker = fixture.startWorker(fixture.workerConfig(queue), limited);
    fixture.submitMany(20, i -> submitter.submit(E2eTasks::echo, i));

    assertThat(fixture.awaitAllSucceeded(queue, 20).lost()).isZero();
    // Each death counts one more delivery; Kafka may count one extra when a closing consumer's
    // last fetch acquired the message again, so the counts rise but need not be consecutive.
    assertThat(deliveryCounts)
        .hasSize(workerLimit)
        .startsWith(1)
        .isSorted()
        .doesNotHaveDuplicates();
    TaskRecord dead = awaitTerminal(poison.id());
    assertThat(dead.state()).isEqualTo(TaskState.DEAD);
    assertThat(dead.failure().type()).isEqualTo(FailureReasons.POISON_MESSAGE);
    DeadLetter letter = deadLettersOf(queue, 1).getFirst();
    assertThat(letter.taskId()).isEqualTo(poison.id());
    assertThat(letter.deliveryCount())
        .isGreaterThan(workerLimit)
        .isGreaterThan(deliveryCounts.getLast());
    assertThat(letter.reason().message())
        .contains("delivered " + letter.deliveryCount() + " times")
        .contains("poison limit of " + workerLimit);
    assertThat(fixture.store.attempts(poison.id())).as("the poison never ran").isEmpty();
    assertThat(worker.stats().dead()).isEqualTo(1);
    awaitDeadLetteredByTheBroker(1);
    client.close();
  }

  /**
   * Subscribes, takes the poison message, and closes the consumer without settling it, as a
   * consumer that dies holding it would; returns the delivery count it saw.
   */
  private int receiveAndDieWithoutSettling(Broker via, TaskId poison) {
    BrokerConsumer consumer =
        via.subscribe(
            Set.of(queue), new ConsumerOptions(fixture.consumerGroup, 1, Duration.ofSeconds(30)));
    try {
      Delivery delivery =
          await()
              .atMost(E2eFixture.PATIENCE)
              .until(() -> consumer.poll(1, Duration.ofMillis(500)), list -> !list.isEmpty())
              .getFirst();
      assertThat(delivery.taskId()).isEqualTo(poison);
      return delivery.deliveryCount();
    } finally {
      consumer.close();
    }
  }

  private TaskRecord awaitTerminal(TaskId id) {
    return await()
        .atMost(E2eFixture.PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> fixture.store.find(id).orElseThrow(), task -> task.state().isTerminal());
  }

  private List<DeadLetter> deadLettersOf(String queue, int expected) {
    return await()
        .atMost(E2eFixture.PATIENCE)
        .until(
            () ->
                fixture.store.deadLetters(1_000).stream()
                    .filter(d -> d.queue().equals(queue))
                    .toList(),
            letters -> letters.size() == expected);
  }

  private void awaitDeadLetteredByTheBroker(long expected) {
    if (fixture.brokers.deadLettered(queue).isPresent()) {
      await()
          .atMost(E2eFixture.PATIENCE)
          .until(() -> fixture.brokers.deadLettered(queue).orElseThrow(), n -> n == expected);
    }
  }
}
