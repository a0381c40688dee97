package dev.celeriac.coordinator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.MaintenanceStore;
import dev.celeriac.api.spi.TaskCompletion;
import dev.celeriac.testing.InMemoryTaskStore;
import dev.celeriac.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reaper's and retention's steps: bounded batches, and no further batch once not leading. */
class HousekeepingStepsTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));

  /** A maintenance store that has {@code overdue} expirable tasks and records the calls. */
  private static final class CountingMaintenance implements MaintenanceStore {
    int overdue;
    final List<Instant> lostQueries = new ArrayList<>();

    CountingMaintenance(int overdue) {
      this.overdue = overdue;
    }

    @Override
    public List<TaskId> expireOverdue(Instant now, int maxRows) {
      int batch = Math.min(overdue, maxRows);
      overdue -= batch;
      return Collections.nCopies(batch, TaskId.generate());
    }

    @Override
    public List<TaskId> markLostWorkers(Instant heartbeatBefore, Instant at) {
      lostQueries.add(heartbeatBefore);
      return List.of();
    }
  }

  @Test
  void reaperExpiresInBatchesUntilAShortOneThenLooksForSilentWorkers() {
    var store = new CountingMaintenance(25);
    var reaper = new Reaper(store, clock, Duration.ofMinutes(1), 10);

    assertThat(reaper.step(() -> true)).isEqualTo(25);

    assertThat(store.lostQueries).containsExactly(clock.instant().minus(Duration.ofMinutes(1)));
  }

  @Test
  void reaperThatLostLeadershipStopsAfterTheCurrentBatch() {
    var store = new CountingMaintenance(25);
    var reaper = new Reaper(store, clock, Duration.ofMinutes(1), 10);

    assertThat(reaper.step(() -> false)).isEqualTo(10);

    assertThat(store.lostQueries).isEmpty();
  }

  @Test
  void retentionDeletesOnlyTasksFinishedBeforeTheRetentionInBatches() {
    try (var tasks = new InMemoryTaskStore(clock)) {
      TaskId old1 = finished(tasks, clock.instant().minus(Duration.ofDays(8)));
      TaskId old2 = finished(tasks, clock.instant().minus(Duration.ofDays(9)));
      TaskId old3 = finished(tasks, clock.instant().minus(Duration.ofDays(10)));
      TaskId recent = finished(tasks, clock.instant().minus(Duration.ofDays(1)));
      var sweep = new RetentionSweep(tasks, clock, Duration.ofDays(7), 2);

      assertThat(sweep.step(() -> true)).isEqualTo(3);

      assertThat(tasks.find(old1)).isEmpty();
      assertThat(tasks.find(old2)).isEmpty();
      assertThat(tasks.find(old3)).isEmpty();
      assertThat(tasks.find(recent)).isPresent();
    }
  }

  private static TaskId finished(InMemoryTaskStore tasks, Instant at) {
    var message =
        new TaskMessage(
            TaskMessage.CURRENT_VERSION,
            TaskId.generate(),
            "old.task",
            JsonNodeFactory.instance.arrayNode(),
            "default",
            1,
            null,
            null,
            0,
            null,
            Map.of(),
            at);
    tasks.recordStarted(message, "w", at).join();
    tasks
        .recordFinished(
            new TaskCompletion(
                message.id(),
                1,
                TaskState.SUCCEEDED,
                JsonNodeFactory.instance.nullNode(),
                null,
                at,
                "w",
                null))
        .join();
    return message.id();
  }
}
