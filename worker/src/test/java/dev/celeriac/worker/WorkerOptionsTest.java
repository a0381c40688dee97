package dev.celeriac.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.celeriac.api.spi.ConsumerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkerOptionsTest {
  private static final Map<String, String> NO_ENV = Map.of();

  @Test
  void flagsAreReadInBothFormsWithListsAndDurations() {
    WorkerOptions options =
        WorkerOptions.parse(
            new String[] {
              "--broker=kafka://k:9092",
              "--db",
              "postgresql://db/c",
              "--tasks",
              "a.B, c.D",
              "--queues",
              "emails,default",
              "--concurrency",
              "50",
              "--grace",
              "2m",
              "--worker-id",
              "w-7",
              "--group",
              "mailers"
            },
            NO_ENV);

    assertThat(options)
        .isEqualTo(
            new WorkerOptions(
                "kafka://k:9092",
                "postgresql://db/c",
                List.of("a.B", "c.D"),
                Set.of("emails", "default"),
                50,
                Duration.ofMinutes(2),
                "w-7",
                "mailers"));
  }

  @Test
  void defaultsApplyToOptionalOptions() {
    WorkerOptions options =
        WorkerOptions.parse(new String[] {"--broker", "b", "--db", "d", "--tasks", "a.B"}, NO_ENV);

    assertThat(options.queues()).isEmpty();
    assertThat(options.concurrency()).isEqualTo(WorkerConfig.DEFAULT_CONCURRENCY);
    assertThat(options.grace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.workerId()).isNull();
    assertThat(options.group()).isEqualTo(ConsumerOptions.DEFAULT_GROUP);
  }

  @Test
  void blankGroupIsRefused() {
    assertThatThrownBy(
            () ->
                WorkerOptions.parse(
                    new String[] {"--broker", "b", "--db", "d", "--tasks", "a.B", "--group= "},
                    NO_ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--group");
  }

  @Test
  void flagsWinOverTheEnvironment() {
    WorkerOptions options =
        WorkerOptions.parse(
            new String[] {"--concurrency", "3"},
            Map.of(
                "CELERIAC_BROKER", "b",
                "CELERIAC_DB", "d",
                "CELERIAC_TASKS", "a.B",
                "CELERIAC_CONCURRENCY", "99"));

    assertThat(options.concurrency()).isEqualTo(3);
    assertThat(options.broker()).isEqualTo("b");
  }

  @Test
  void missingRequiredOptionNamesTheFlagAndTheVariable() {
    assertThatThrownBy(
            () -> WorkerOptions.parse(new String[] {"--db", "d", "--tasks", "a.B"}, NO_ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("missing --broker (or CELERIAC_BROKER)");
  }

  @Test
  void unknownFlagFlagWithoutValueAndBadValuesAreRejected() {
    assertThatThrownBy(() -> WorkerOptions.parse(new String[] {"--brokr", "b"}, NO_ENV))
        .hasMessageStartingWith("unknown option --brokr; usage:");
    assertThatThrownBy(() -> WorkerOptions.parse(new String[] {"--broker"}, NO_ENV))
        .hasMessage("option --broker needs a value");
    assertThatThrownBy(() -> WorkerOptions.parse(new String[] {"stray"}, NO_ENV))
        .hasMessageStartingWith("unexpected argument 'stray'");
    assertThatThrownBy(
            () ->
                WorkerOptions.parse(
                    new String[] {
                      "--broker", "b", "--db", "d", "--tasks", "a.B", "--grace", "soon"
                    },
                    NO_ENV))
        .hasMessage("--grace must be a duration such as 30s or 2m, was 'soon'");
    assertThatThrownBy(
            () ->
                WorkerOptions.parse(
                    new String[] {
                      "--broker", "b", "--db", "d", "--tasks", "a.B", "--concurrency", "0"
                    },
                    NO_ENV))
        .hasMessage("--concurrency must be >= 1, was 0");
  }
}
