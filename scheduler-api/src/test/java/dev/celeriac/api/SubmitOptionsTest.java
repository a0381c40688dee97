package dev.celeriac.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubmitOptionsTest {
  private static final Instant AT = Instant.parse("2026-11-29T01:00:00Z");

  @Test
  void noOptionsLeavesEverythingToTheTask() {
    assertThat(SubmitOptions.NONE)
        .isEqualTo(SubmitOptions.builder().build())
        .isEqualTo(new SubmitOptions(null, null, null, null, null, null, null, Map.of()));
  }

  @Test
  void builderSetsEveryOption() {
    SubmitOptions options =
        SubmitOptions.builder()
            .countdown(Duration.ofSeconds(5))
            .expires(AT)
            .priority(9)
            .queue("urgent")
            .idempotencyKey("order-17")
            .header("a", "1")
            .header("b", "2")
            .build();

    assertThat(options.countdown()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.eta()).isNull();
    assertThat(options.expires()).isEqualTo(AT);
    assertThat(options.expiresIn()).isNull();
    assertThat(options.priority()).isEqualTo(9);
    assertThat(options.queue()).isEqualTo("urgent");
    assertThat(options.idempotencyKey()).isEqualTo("order-17");
    assertThat(options.headers()).containsOnly(Map.entry("a", "1"), Map.entry("b", "2"));
  }

  @Test
  void etaAndExpiresInAreTheAlternativeForms() {
    SubmitOptions options =
        SubmitOptions.builder().eta(AT).expiresIn(Duration.ofMinutes(10)).priority(0).build();

    assertThat(options.eta()).isEqualTo(AT);
    assertThat(options.expiresIn()).isEqualTo(Duration.ofMinutes(10));
    assertThat(options.priority()).isZero();
  }

  @Test
  void zeroCountdownMeansAtOnce() {
    assertThat(SubmitOptions.builder().countdown(Duration.ZERO).build().countdown()).isZero();
  }

  @Test
  void countdownAndEtaAreExclusive() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SubmitOptions.builder().countdown(Duration.ofSeconds(1)).eta(AT).build())
        .withMessage("set either countdown or eta, not both");
  }

  @Test
  void expiresAndExpiresInAreExclusive() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> SubmitOptions.builder().expires(AT).expiresIn(Duration.ofSeconds(1)).build())
        .withMessage("set either expires or expiresIn, not both");
  }

  @Test
  void negativeCountdownIsRejectedByName() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SubmitOptions.builder().countdown(Duration.ofSeconds(-1)).build())
        .withMessage("countdown must not be negative, was PT-1S");
  }

  @ParameterizedTest(name = "{0} s")
  @ValueSource(longs = {0, -1})
  void expiresInMustBePositive(long seconds) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SubmitOptions.builder().expiresIn(Duration.ofSeconds(seconds)).build())
        .withMessageStartingWith("expiresIn must be positive");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {-1, 10, Integer.MIN_VALUE, Integer.MAX_VALUE})
  void priorityOutsideZeroToNineIsRejected(int priority) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SubmitOptions.builder().priority(priority).build())
        .withMessage("priority must be 0..9, was " + priority);
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"", " ", "\t\n"})
  void blankQueueIsRejected(String queue) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SubmitOptions.builder().queue(queue).build())
        .withMessage("queue must not be blank");
  }

  @Test
  void builderRejectsNullsByName() {
    var builder = SubmitOptions.builder();
    assertThatNullPointerException().isThrownBy(() -> builder.countdown(null)).withMessage("delay");
    assertThatNullPointerException().isThrownBy(() -> builder.eta(null)).withMessage("at");
    assertThatNullPointerException().isThrownBy(() -> builder.expires(null)).withMessage("at");
    assertThatNullPointerException()
        .isThrownBy(() -> builder.expiresIn(null))
        .withMessage("within");
    assertThatNullPointerException().isThrownBy(() -> builder.queue(null)).withMessage("name");
    assertThatNullPointerException()
        .isThrownBy(() -> builder.idempotencyKey(null))
        .withMessage("key");
    assertThatNullPointerException()
        .isThrownBy(() -> builder.header(null, "v"))
        .withMessage("name");
    assertThatNullPointerException()
        .isThrownBy(() -> builder.header("n", null))
        .withMessage("value");
  }

  @Test
  void headersAreCopiedAndImmutable() {
    Map<String, String> headers = new HashMap<>(Map.of("a", "1"));
    SubmitOptions options = new SubmitOptions(null, null, null, null, null, null, null, headers);
    var builder = SubmitOptions.builder().header("x", "1");
    SubmitOptions built = builder.build();

    headers.put("b", "2");
    builder.header("y", "2");

    assertThat(options.headers()).containsOnlyKeys("a");
    assertThat(built.headers()).containsOnlyKeys("x");
    assertThatThrownBy(() -> options.headers().put("c", "3"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
