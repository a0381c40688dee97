package dev.celeriac.api.spi;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.TaskId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One fire of a schedule: claimed under the unique key {@code (schedule, fireTime)} before its task
 * is published, and marked published after.
 *
 * @param schedule the schedule's name
 * @param fireTime the cron time it fires for (or the moment of a run-now)
 * @param taskId the id of the task it submits, derived from the key so a repeated publish of the
 *     fire is one task
 * @param claimedAt when it was claimed
 * @param publishedAt when its task was published, or null while it is not known to be
 */
public record ScheduleFire(
    String schedule,
    Instant fireTime,
    TaskId taskId,
    Instant claimedAt,
    @Nullable Instant publishedAt) {

  /** Validates the fields. */
  public ScheduleFire {
    requireNonNull(schedule, "schedule");
    requireNonNull(fireTime, "fireTime");
    requireNonNull(taskId, "taskId");
    requireNonNull(claimedAt, "claimedAt");
  }
}
