package dev.celeriac.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.celeriac.api.internal.JsonMappers;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskMessageTest {
  private static final TaskId ID = TaskId.parse("0190d7a8-1c2b-7d3e-8f40-123456789abc");
  private static final Instant NOW = Instant.parse("2026-11-29T01:00:00Z");

  @Test
  void nextAttemptCountsUpAndTakesTheNewEtaKeepingTheRest() {
    TaskMessage first = message("t", "q", 0, Duration.ofSeconds(30), NOW.plusSeconds(5));

    TaskMessage second = first.nextAttempt(NOW.plusSeconds(60));

    assertThat(second.attempt()).isEqualTo(2);
    assertThat(second.eta()).isEqualTo(NOW.plusSeconds(60));
    assertThat(second.withEta(first.eta()).nextAttempt(first.eta()))
        .isEqualTo(first.nextAttempt(first.eta()).nextAttempt(first.eta()).withEta(first.eta()))
        .extracting(TaskMessage::attempt)
        .isEqualTo(3);
    assertThat(second).usingRecursiveComparison().ignoringFields("attempt", "eta").isEqualTo(first);
  }

  @Test
  void withEtaKeepsTheAttempt() {
    TaskMessage message = message("t", "q", 0, null, null);

    assertThat(message.withEta(NOW).eta()).isEqualTo(NOW);
    assertThat(message.withEta(NOW).attempt()).isEqualTo(1);
    assertThat(message.withEta(NOW).withEta(null)).isEqualTo(message);
  }

  @Test
  void expiresOnlyAfterItsExpiry() {
    TaskMessage expiring = withExpiry(NOW);

    assertThat(expiring.isExpiredAt(NOW.minusMillis(1))).isFalse();
    assertThat(expiring.isExpiredAt(NOW)).isFalse();
    assertThat(expiring.isExpiredAt(NOW.plusNanos(1))).isTrue();
    assertThat(withExpiry(null).isExpiredAt(Instant.MAX)).isFalse();
  }

  @Test
  void isDueLaterOnlyBeforeItsEta() {
    TaskMessage delayed = message("t", "q", 0, null, NOW);

    assertThat(delayed.isDueLaterThan(NOW.minusNanos(1))).isTrue();
    assertThat(delayed.isDueLaterThan(NOW)).isFalse();
    assertThat(message("t", "q", 0, null, null).isDueLaterThan(Instant.MIN)).isFalse();
  }

  @Test
  void argumentsAndHeadersAreCopied() {
    ArrayNode args = JsonMappers.standard().createArrayNode().add(1);
    Map<String, String> headers = new HashMap<>(Map.of("a", "1"));
    TaskMessage message =
        new TaskMessage(1, ID, "t", args, "q", 1, null, null, 0, null, headers, NOW);

    args.add(2);
    headers.put("b", "2");

    assertThat(message.args()).hasSize(1);
    assertThat(message.headers()).containsOnlyKeys("a");
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"", " ", "\t"})
  void blankNamesAreRejectedByField(String blank) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> message(blank, "q", 0, null, null))
        .withMessageStartingWith("task must be 1..200 non-blank characters");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> message("t", blank, 0, null, null))
        .withMessageStartingWith("queue must be 1..200 non-blank characters");
  }

  @Test
  void namesLongerThanTheCodecReadsAreRejected() {
    assertThat(message("t".repeat(200), "q".repeat(200), 0, null, null).task()).hasSize(200);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> message("t".repeat(201), "q", 0, null, null))
        .withMessageStartingWith("task must be 1..200");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> message("t", "q".repeat(201), 0, null, null))
        .withMessageStartingWith("queue must be 1..200");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {-1, 10, Integer.MAX_VALUE})
  void priorityOutsideZeroToNineIsRejected(int priority) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> message("t", "q", priority, null, null))
        .withMessage("priority must be 0..9, was " + priority);
  }

  @Test
  void attemptsCountFromOne() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new TaskMessage(1, ID, "t", args(), "q", 0, null, null, 0, null, Map.of(), NOW))
        .withMessage("attempt must be >= 1, was 0");
  }

  @Test
  void timeoutMustBeAPositiveWholeNumberOfMillisecondsThatFitsALong() {
    assertThat(message("t", "q", 0, Duration.ofMillis(1), null).timeout()).hasMillis(1);
    assertThat(message("t", "q", 0, Duration.ofMillis(Long.MAX_VALUE), null).timeout())
        .hasMillis(Long.MAX_VALUE);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> message("t", "q", 0, Duration.ZERO, null))
        .withMessage("timeout must be positive, was PT0S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> message("t", "q", 0, Duration.ofSeconds(-1), null))
        .withMessage("timeout must be positive, was PT-1S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> message("t", "q", 0, Duration.ofNanos(1_500_000), null))
        .withMessage("timeout must be a whole number of milliseconds, was PT0.0015S");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> message("t", "q", 0, Duration.ofMillis(Long.MAX_VALUE).plusMillis(1), null))
        .withMessageStartingWith("timeout is too long to encode");
  }

  @Test
  void requiredFieldsAreNamedWhenNull() {
    assertThatNullPointerException()
        .isThrownBy(
            () -> new TaskMessage(1, null, "t", args(), "q", 1, null, null, 0, null, Map.of(), NOW))
        .withMessage("id");
    assertThatNullPointerException()
        .isThrownBy(
            () -> new TaskMessage(1, ID, null, args(), "q", 1, null, null, 0, null, Map.of(), NOW))
        .withMessage("task");
    assertThatNullPointerException()
        .isThrownBy(
            () -> new TaskMessage(1, ID, "t", null, "q", 1, null, null, 0, null, Map.of(), NOW))
        .withMessage("args");
    assertThatNullPointerException()
        .isThrownBy(
            () -> new TaskMessage(1, ID, "t", args(), null, 1, null, null, 0, null, Map.of(), NOW))
        .withMessage("queue");
    assertThatNullPointerException()
        .isThrownBy(
            () -> new TaskMessage(1, ID, "t", args(), "q", 1, null, null, 0, null, null, NOW))
        .withMessage("headers");
    assertThatNullPointerException()
        .isThrownBy(
            () -> new TaskMessage(1, ID, "t", args(), "q", 1, null, null, 0, null, Map.of(), null))
        .withMessage("submittedAt");
  }

  private static TaskMessage message(
      String task, String queue, int priority, @Nullable Duration timeout, @Nullable Instant eta) {
    return new TaskMessage(
        1, ID, task, args(), queue, 1, eta, null, priority, timeout, Map.of(), NOW);
  }

  private static TaskMessage withExpiry(@Nullable Instant expires) {
    return new TaskMessage(1, ID, "t", args(), "q", 1, null, expires, 0, null, Map.of(), NOW);
  }

  private static ArrayNode args() {
    return JsonMappers.standard().createArrayNode();
  }
}
