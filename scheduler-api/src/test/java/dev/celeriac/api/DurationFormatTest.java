package dev.celeriac.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationFormatTest {

  @ParameterizedTest(name = "''{0}'' = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "500ms        | PT0.5S",
        "0ms          | PT0S",
        "30s          | PT30S",
        "5m           | PT5M",
        "2h           | PT2H",
        "1d           | PT24H",
        "90s          | PT1M30S",
        "' 15 s '     | PT15S",
        "999999999d   | PT23999999976H",
        "PT30S        | PT30S",
        "PT0.0005S    | PT0.0005S",
        "P2DT3H       | PT51H",
        "pt1m         | PT1M",
      })
  void parsesTheShortAndTheIsoForm(String text, String expected) {
    assertThat(DurationFormat.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "",
        "  ",
        "s",
        "10",
        "-5s",
        "5 sec",
        "1.5s",
        "5S",
        "5M",
        "1w",
        "1000000000s",
        "٣s",
        "PT",
        "P",
        "10s10m",
        "abc"
      })
  void rejectsTextInNeitherFormNamingIt(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DurationFormat.parse(text))
        .withMessageContaining("'" + text + "'")
        .withMessageContaining("500ms");
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"PT-1S", "-PT5M", "P-1D"})
  void rejectsNegativeIsoDurations(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DurationFormat.parse(text))
        .withMessage("duration must not be negative: '" + text + "'");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "PT0S, 0s",
    "PT0.001S, 1ms",
    "PT1.5S, 1500ms",
    "PT1S, 1s",
    "PT90S, 90s",
    "PT1M, 1m",
    "PT61M, 61m",
    "PT1H, 1h",
    "PT25H, 25h",
    "PT24H, 1d",
    "PT72H, 3d",
    "PT16M40S, 1000s",
    "PT16M39.999S, 999999ms",
    "PT16M40.001S, 1000001ms",
    "PT1000000S, 1000000s",
  })
  void formatsTheShortestExactShortForm(String iso, String expected) {
    assertThat(DurationFormat.format(Duration.parse(iso))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // Finer than a millisecond: the short form would round it.
    "PT0.0005S, PT0.0005S",
    "PT1.0000001S, PT1.0000001S",
    // Amounts over nine digits, which parse would not read back.
    "PT277777H46M41S, PT277777H46M41S",
    "PT277H46M40.001S, PT277H46M40.001S",
    // Negative: written exactly, though parse refuses it.
    "PT-5S, PT-5S",
  })
  void formatsWhatTheShortFormCannotHoldExactlyInIso(String iso, String expected) {
    assertThat(DurationFormat.format(Duration.parse(iso))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 20261129})
  void parseReadsBackWhateverFormatWrites(long seed) {
    var random = new SplittableRandom(seed);
    for (int i = 0; i < 500; i++) {
      Duration duration =
          switch (random.nextInt(4)) {
            case 0 -> Duration.ofMillis(random.nextLong(0, 10_000_000_000L));
            case 1 -> Duration.ofSeconds(random.nextLong(0, 100_000_000_000L));
            case 2 ->
                Duration.ofMinutes(random.nextLong(0, 1_000_000))
                    .multipliedBy(random.nextInt(1, 100));
            default ->
                Duration.ofSeconds(
                    random.nextLong(0, Long.MAX_VALUE), random.nextInt(1_000_000_000));
          };

      String text = DurationFormat.format(duration);

      assertThat(DurationFormat.parse(text))
          .as("seed %d, case %d: %s formatted as %s", seed, i, duration, text)
          .isEqualTo(duration);
    }
  }
}
