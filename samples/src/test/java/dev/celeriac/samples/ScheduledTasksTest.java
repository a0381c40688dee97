package dev.celeriac.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.api.SubmitOptions;
import dev.celeriac.api.TaskHandle;
import dev.celeriac.api.TaskId;
import dev.celeriac.testing.ManualClock;
import dev.celeriac.testkit.CeleriacTestKit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scheduled samples run by name, as the coordinator fires them. */
class ScheduledTasksTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2030-03-15T02:00:00Z"));
  private final CeleriacTestKit kit =
      CeleriacTestKit.builder().clock(clock).register(new ScheduledTasks(clock)).build();

  @AfterEach
  void close() {
    kit.close();
  }

  @Test
  void theNightlyReportCoversTheDayBeforeItRuns() {
    TaskHandle<?> handle = kit.client().submitByName("reports.nightly", List.of(), optionsOn());

    kit.drain();

    assertThat(handle.get(Duration.ofSeconds(1)).toString())
        .isEqualTo("\"nightly report for 2030-03-14\"");
  }

  @Test
  void theHeartbeatNamesTheTaskThatRanIt() {
    TaskHandle<?> handle = kit.client().submitByName("system.heartbeat", List.of(), optionsOn());
    TaskId id = handle.id();

    kit.drain();

    assertThat(handle.get(Duration.ofSeconds(1)).toString()).contains("alive (task " + id + ")");
  }

  private static SubmitOptions optionsOn() {
    return SubmitOptions.builder().queue("reports").build();
  }
}
