package dev.celeriac.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.internal.JsonMappers;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpiValueTypesTest {
  private static final TaskId ID = TaskId.parse("0190d7a8-1c2b-7d3e-8f40-123456789abc");
  private static final TaskId OTHER = TaskId.parse("0190d7a8-1c2b-7d3e-8f40-000000000000");
  private static final Instant NOW = Instant.parse("2026-11-29T01:00:00Z");
  private static final FailureInfo BOOM = FailureInfo.reason("test.Boom", "boom");

  @Test
  void consumerOptionsDefaultToTheWorkersGroupAndA30SecondLock() {
    ConsumerOptions options = ConsumerOptions.defaults(50);

    assertThat(options.group()).isEqualTo(ConsumerOptions.DEFAULT_GROUP);
    assertThat(options.prefetch()).isEqualTo(50);
    assertThat(options.lockDuration()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void consumerOptionsRejectEachInvalidFieldByName() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ConsumerOptions.defaults(0))
        .withMessage("prefetch must be >= 1, was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ConsumerOptions("g", 1, Duration.ZERO))
        .withMessage("lockDuration must be positive, was PT0S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ConsumerOptions("g", 1, Duration.ofSeconds(-1)))
        .withMessageStartingWith("lockDuration must be positive");
    assertThatNullPointerException()
        .isThrownBy(() -> new ConsumerOptions(null, 1, Duration.ofSeconds(1)))
        .withMessage("group");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {-1, 10})
  void outboundMessagePriorityIsZeroToNine(int priority) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new OutboundMessage("q", ID, "t", priority, new byte[0], Map.of()))
        .withMessage("priority must be 0..9, was " + priority);
  }

  @Test
  void outboundMessageCopiesItsHeaders() {
    Map<String, String> headers = new HashMap<>(Map.of("a", "1"));
    OutboundMessage message = new OutboundMessage("q", ID, "t", 9, new byte[] {1}, headers);

    headers.put("b", "2");

    assertThat(message.headers()).containsOnlyKeys("a");
    assertThatNullPointerException()
        .isThrownBy(() -> new OutboundMessage("q", ID, "t", 0, null, Map.of()))
        .withMessage("body");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = TaskState.class,
      names = {"PENDING", "SCHEDULED", "STARTED"})
  void anAttemptCannotEndInAStateBeforeItsEnd(TaskState state) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TaskCompletion(ID, 1, state, null, null, NOW, "w", null))
        .withMessage("an attempt cannot end in state " + state);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = TaskState.class,
      names = {"SUCCEEDED", "FAILED", "REVOKED", "EXPIRED", "DEAD"})
  void aTerminalCompletionCarriesNoRetry(TaskState state) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TaskCompletion.failed(ID, 1, state, BOOM, NOW, "w", message(ID)))
        .withMessage("a terminal state " + state + " cannot carry a retry");
  }

  @Test
  void aRetryMustBeForTheSameTask() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> TaskCompletion.failed(ID, 1, TaskState.RETRYING, BOOM, NOW, "w", message(OTHER)))
        .withMessage("retry is for task " + OTHER + ", not " + ID);
  }

  @Test
  void completionFactoriesFillInTheirState() {
    var result = JsonMappers.standard().getNodeFactory().textNode("done");
    TaskCompletion succeeded = TaskCompletion.succeeded(ID, 2, result, NOW, "worker-1");
    TaskCompletion retrying =
        TaskCompletion.failed(ID, 1, TaskState.TIMED_OUT, BOOM, NOW, "worker-1", message(ID));

    assertThat(succeeded.state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(succeeded.result()).isEqualTo(result);
    assertThat(succeeded.failure()).isNull();
    assertThat(succeeded.retry()).isNull();
    assertThat(retrying.state()).isEqualTo(TaskState.TIMED_OUT);
    assertThat(retrying.failure()).isEqualTo(BOOM);
    assertThat(retrying.retry()).isEqualTo(message(ID));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {0, -1, TaskQuery.MAX_LIMIT + 1})
  void queryLimitIsOneToTheMaximum(int limit) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TaskQuery.all(limit))
        .withMessage("limit must be 1..1000, was " + limit);
  }

  @Test
  void nextPageKeepsTheFilterAndMovesTheCursor() {
    Set<TaskState> states = new HashSet<>(EnumSet.of(TaskState.FAILED, TaskState.DEAD));
    TaskQuery query = new TaskQuery(states, "emails.send", "emails", NOW, NOW, "x", 1000, null);
    PageCursor cursor = new PageCursor(NOW, ID);

    states.add(TaskState.PENDING);
    TaskQuery next = query.after(cursor);

    assertThat(query.states()).containsExactlyInAnyOrder(TaskState.FAILED, TaskState.DEAD);
    assertThat(next).usingRecursiveComparison().ignoringFields("after").isEqualTo(query);
    assertThat(next.after()).isEqualTo(cursor);
    assertThat(TaskQuery.all(1).states()).isEmpty();
  }

  @Test
  void pageCopiesItsRows() {
    TaskPage page = new TaskPage(new java.util.ArrayList<>(), null);

    assertThatThrownBy(() -> page.tasks().add(null))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void requiredFieldsAreNamedWhenNull() {
    assertThatNullPointerException()
        .isThrownBy(() -> new FinishResult(true, null))
        .withMessage("state");
    assertThatNullPointerException()
        .isThrownBy(() -> new PageCursor(null, ID))
        .withMessage("submittedAt");
    assertThatNullPointerException()
        .isThrownBy(() -> new DeadLetter(null, "q", new byte[0], null, 1, NOW))
        .withMessage("reason");
    assertThatNullPointerException()
        .isThrownBy(() -> new AttemptRecord(ID, 1, null, NOW, null, null, null))
        .withMessage("workerId");
    assertThatNullPointerException()
        .isThrownBy(
            () ->
                new TaskRecord(
                    ID,
                    "t",
                    "q",
                    null,
                    JsonMappers.standard().createArrayNode(),
                    null,
                    null,
                    0,
                    0,
                    Map.of(),
                    NOW,
                    null,
                    null,
                    null,
                    null,
                    null))
        .withMessage("state");
  }

  private static TaskMessage message(TaskId id) {
    return new TaskMessage(
        1,
        id,
        "t",
        JsonMappers.standard().createArrayNode(),
        "q",
        2,
        NOW,
        null,
        0,
        null,
        Map.of(),
        NOW);
  }
}
