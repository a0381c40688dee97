package dev.celeriac.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {
  // Never consulted without jitter; a generator that fails loudly proves that.
  private static final RandomGenerator UNUSED =
      () -> {
        throw new AssertionError("no jitter, so no random number is drawn");
      };

  @ParameterizedTest(name = "before attempt {0}: {1} ms")
  @CsvSource({"2, 1000", "3, 2000", "4, 4000", "5, 8000", "6, 16000", "7, 32000", "8, 60000"})
  void backoffDoublesFromTheInitialWaitUntilTheCap(int nextAttempt, long expectedMillis) {
    RetryPolicy policy = policy(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), false);

    assertThat(policy.backoffBefore(nextAttempt, UNUSED))
        .isEqualTo(Duration.ofMillis(expectedMillis));
  }

  @ParameterizedTest(name = "attempt {0}")
  @ValueSource(ints = {9, 100, 1_000, 1_000_000, Integer.MAX_VALUE})
  void backoffStaysAtTheCapHoweverManyAttempts(int nextAttempt) {
    RetryPolicy policy = policy(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), false);

    assertThat(policy.backoffBefore(nextAttempt, UNUSED)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void multiplierOfOneWaitsTheSameEveryTime() {
    RetryPolicy policy = policy(Duration.ofMillis(250), 1.0, Duration.ofMinutes(1), false);

    assertThat(List.of(2, 3, 10, 1_000))
        .allSatisfy(
            attempt ->
                assertThat(policy.backoffBefore(attempt, UNUSED))
                    .isEqualTo(Duration.ofMillis(250)));
  }

  @Test
  void fractionalMultiplierGrowsGeometrically() {
    RetryPolicy policy = policy(Duration.ofSeconds(1), 1.5, Duration.ofHours(1), false);

    assertThat(policy.backoffBefore(2, UNUSED)).isEqualTo(Duration.ofMillis(1000));
    assertThat(policy.backoffBefore(3, UNUSED)).isEqualTo(Duration.ofMillis(1500));
    assertThat(policy.backoffBefore(4, UNUSED)).isEqualTo(Duration.ofMillis(2250));
    assertThat(policy.backoffBefore(5, UNUSED)).isEqualTo(Duration.ofMillis(3375));
  }

  @Test
  void zeroInitialBackoffRetriesAtOnceEvenAfterManyAttempts() {
    RetryPolicy policy = policy(Duration.ZERO, 2.0, Duration.ofMinutes(1), false);

    assertThat(policy.backoffBefore(2, UNUSED)).isZero();
    assertThat(policy.backoffBefore(5_000, UNUSED)).isZero();
  }

  @ParameterizedTest(name = "attempt {0}")
  @ValueSource(ints = {1, 0, -1, Integer.MIN_VALUE})
  void thereIsNoBackoffBeforeTheFirstAttempt(int nextAttempt) {
    RetryPolicy policy = policy(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), false);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> policy.backoffBefore(nextAttempt, UNUSED))
        .withMessageContaining("attempt 2")
        .withMessageContaining(Integer.toString(nextAttempt));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 7, 42, 20261129})
  void jitterSpreadsEachWaitOverTheUpperHalfOfItsValue(long seed) {
    RetryPolicy policy = policy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), true);
    var random = new SplittableRandom(seed);
    List<Long> fractionsOfCap = new ArrayList<>();

    for (int i = 0; i < 500; i++) {
      int attempt = 2 + i % 8;
      long unjittered = Math.min(1000L << (attempt - 2), 10_000L);
      long waited = policy.backoffBefore(attempt, random).toMillis();
      assertThat(waited)
          .as("seed %d, draw %d, attempt %d", seed, i, attempt)
          .isBetween(unjittered / 2, unjittered);
      fractionsOfCap.add(waited * 100 / unjittered);
    }

    // Spread over the whole band, not stuck at one end.
    assertThat(fractionsOfCap).as("seed %d", seed).anyMatch(p -> p < 60).anyMatch(p -> p >= 90);
  }

  @Test
  void jitterIsAFunctionOfTheRandomGenerator() {
    RetryPolicy policy = policy(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), true);
    RandomGenerator lowest = () -> 0L;
    RandomGenerator highest = () -> -1L;

    assertThat(policy.backoffBefore(3, lowest)).isEqualTo(Duration.ofMillis(1000));
    assertThat(policy.backoffBefore(3, highest)).isEqualTo(Duration.ofMillis(2000));
    assertThat(policy.backoffBefore(4, new SplittableRandom(5)))
        .isEqualTo(policy.backoffBefore(4, new SplittableRandom(5)));
  }

  @Test
  void attemptsAfterTheLastAllowedOneAreRefused() {
    RetryPolicy policy = policy(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), false);

    assertThat(policy.hasAttemptsAfter(1)).isTrue();
    assertThat(policy.hasAttemptsAfter(2)).isTrue();
    assertThat(policy.hasAttemptsAfter(3)).isFalse();
    assertThat(policy.hasAttemptsAfter(4)).isFalse();
    assertThat(RetryPolicy.NONE.hasAttemptsAfter(1)).isFalse();
    assertThat(RetryPolicy.NONE.maxAttempts()).isEqualTo(1);
  }

  @Test
  void withoutListsEveryFailureIsRetried() {
    RetryPolicy policy = withLists(List.of(), List.of());

    assertThat(policy.retries(IOException.class)).isTrue();
    assertThat(policy.retries(IllegalStateException.class)).isTrue();
    assertThat(policy.retries(OutOfMemoryError.class)).isTrue();
  }

  @Test
  void onlyListedFailuresAndTheirSubclassesAreRetried() {
    RetryPolicy policy = withLists(List.of(IOException.class, TimeoutException.class), List.of());

    assertThat(policy.retries(IOException.class)).isTrue();
    assertThat(policy.retries(FileNotFoundException.class)).isTrue();
    assertThat(policy.retries(TimeoutException.class)).isTrue();
    assertThat(policy.retries(UncheckedIOException.class)).isFalse();
    assertThat(policy.retries(Exception.class)).isFalse();
  }

  @Test
  void neverListWinsOverTheOnListIncludingSubclasses() {
    RetryPolicy policy =
        withLists(List.of(RuntimeException.class), List.of(IllegalArgumentException.class));

    assertThat(policy.retries(IllegalStateException.class)).isTrue();
    assertThat(policy.retries(IllegalArgumentException.class)).isFalse();
    assertThat(policy.retries(NumberFormatException.class)).isFalse();
    assertThat(policy.retries(IOException.class)).isFalse();
  }

  @Test
  void neverListAloneExcludesOnlyItsTypes() {
    RetryPolicy policy = withLists(List.of(), List.of(IllegalArgumentException.class));

    assertThat(policy.retries(NumberFormatException.class)).isFalse();
    assertThat(policy.retries(IOException.class)).isTrue();
  }

  @Test
  void annotationDefaultsGiveThreeAttemptsFromOneSecondToOneMinute() throws Exception {
    RetryPolicy policy = RetryPolicy.from(retryOf("defaults"));

    assertThat(policy)
        .isEqualTo(
            new RetryPolicy(
                3, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), true, List.of(), List.of()));
  }

  @Test
  void annotationIsReadAttributeByAttribute() throws Exception {
    RetryPolicy policy = RetryPolicy.from(retryOf("custom"));

    assertThat(policy.maxAttempts()).isEqualTo(5);
    assertThat(policy.initialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.maxBackoff()).isEqualTo(Duration.ofMinutes(2));
    assertThat(policy.multiplier()).isEqualTo(3.0);
    assertThat(policy.jitter()).isFalse();
    assertThat(policy.retryOn()).containsExactly(IOException.class);
    assertThat(policy.neverRetryOn()).containsExactly(FileNotFoundException.class);
  }

  @Test
  void annotationBackoffMayUseIsoDurationsAndSpaces() throws Exception {
    RetryPolicy policy = RetryPolicy.from(retryOf("isoBackoff"));

    assertThat(policy.initialBackoff()).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.maxBackoff()).isEqualTo(Duration.ofMinutes(5));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "noRange        | backoff must be 'initial..max' such as '1s..1m', was '1s'",
        "threeParts     | backoff must be 'initial..max' such as '1s..1m', was '1s..1m..1h'",
        "emptyBackoff   | backoff must be 'initial..max'",
        "badInitial     | backoff '1x..1m': '1x' is not a duration",
        "badMax         | backoff '1s..': '' is not a duration",
        "negativeBound  | backoff 'PT-1S..1m': duration must not be negative",
        "maxBelowStart  | backoff '1m..1s': max 1s is shorter than initial 1m",
        "zeroAttempts   | maxAttempts must be >= 1, was 0",
        "smallMultiplier| multiplier must be a finite number >= 1, was 0.5",
      })
  void invalidAnnotationIsRejectedNamingTheAttribute(String method, String message)
      throws Exception {
    Retry retry = retryOf(method);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> RetryPolicy.from(retry))
        .withMessageContaining(message);
  }

  @Test
  void constructorRejectsEachInvalidFieldByName() {
    Duration second = Duration.ofSeconds(1);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new RetryPolicy(0, second, 2, second, false, List.of(), List.of()))
        .withMessage("maxAttempts must be >= 1, was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new RetryPolicy(1, Duration.ofSeconds(-1), 2, second, false, List.of(), List.of()))
        .withMessageContaining("initialBackoff");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new RetryPolicy(1, Duration.ofMinutes(1), 2, second, false, List.of(), List.of()))
        .withMessageContaining("maxBackoff")
        .withMessageContaining("initialBackoff");
    for (double multiplier :
        new double[] {
          0.99, 0, -2, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY
        }) {
      assertThatIllegalArgumentException()
          .isThrownBy(
              () -> new RetryPolicy(1, second, multiplier, second, false, List.of(), List.of()))
          .withMessageContaining("multiplier")
          .withMessageContaining(Double.toString(multiplier));
    }
    assertThatNullPointerException()
        .isThrownBy(() -> new RetryPolicy(1, null, 2, second, false, List.of(), List.of()))
        .withMessage("initialBackoff");
    assertThatNullPointerException()
        .isThrownBy(() -> new RetryPolicy(1, second, 2, null, false, List.of(), List.of()))
        .withMessage("maxBackoff");
    assertThatNullPointerException()
        .isThrownBy(() -> new RetryPolicy(1, second, 2, second, false, null, List.of()))
        .withMessage("retryOn");
    assertThatNullPointerException()
        .isThrownBy(() -> new RetryPolicy(1, second, 2, second, false, List.of(), null))
        .withMessage("neverRetryOn");
  }

  @Test
  void exceptionListsAreCopied() {
    List<Class<? extends Throwable>> on = new ArrayList<>(List.of(IOException.class));
    RetryPolicy policy = withLists(on, List.of());

    on.add(IllegalStateException.class);

    assertThat(policy.retryOn()).containsExactly(IOException.class);
    assertThat(policy.retries(IllegalStateException.class)).isFalse();
  }

  private static RetryPolicy policy(
      Duration initial, double multiplier, Duration max, boolean jitter) {
    return new RetryPolicy(3, initial, multiplier, max, jitter, List.of(), List.of());
  }

  private static RetryPolicy withLists(
      List<Class<? extends Throwable>> on, List<Class<? extends Throwable>> never) {
    return new RetryPolicy(3, Duration.ofSeconds(1), 2, Duration.ofMinutes(1), false, on, never);
  }

  private static Retry retryOf(String method) throws NoSuchMethodException {
    return RetryAnnotations.class.getMethod(method).getAnnotation(Task.class).retry();
  }

  /** Carriers of {@link Retry} annotations, which may only appear inside {@link Task}. */
  public static class RetryAnnotations {
    @Task(name = "defaults")
    public void defaults() {}

    @Task(
        name = "custom",
        retry =
            @Retry(
                maxAttempts = 5,
                backoff = "500ms..2m",
                multiplier = 3,
                jitter = false,
                on = IOException.class,
                never = FileNotFoundException.class))
    public void custom() {}

    @Task(name = "iso", retry = @Retry(backoff = " PT2S .. 5 m "))
    public void isoBackoff() {}

    @Task(name = "noRange", retry = @Retry(backoff = "1s"))
    public void noRange() {}

    @Task(name = "threeParts", retry = @Retry(backoff = "1s..1m..1h"))
    public void threeParts() {}

    @Task(name = "emptyBackoff", retry = @Retry(backoff = ""))
    public void emptyBackoff() {}

    @Task(name = "badInitial", retry = @Retry(backoff = "1x..1m"))
    public void badInitial() {}

    @Task(name = "badMax", retry = @Retry(backoff = "1s.."))
    public void badMax() {}

    @Task(name = "negativeBound", retry = @Retry(backoff = "PT-1S..1m"))
    public void negativeBound() {}

    @Task(name = "maxBelowStart", retry = @Retry(backoff = "1m..1s"))
    public void maxBelowStart() {}

    @Task(name = "zeroAttempts", retry = @Retry(maxAttempts = 0))
    public void zeroAttempts() {}

    @Task(name = "smallMultiplier", retry = @Retry(multiplier = 0.5))
    public void smallMultiplier() {}
  }
}
