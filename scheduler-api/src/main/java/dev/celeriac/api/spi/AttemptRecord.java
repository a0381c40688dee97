package dev.celeriac.api.spi;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskState;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One run of a task on a worker.
 *
 * @param taskId the task
 * @param attempt the attempt number, from 1
 * @param workerId the worker that ran it
 * @param startedAt when it started
 * @param finishedAt when it ended, or null while it runs (or if its worker died)
 * @param outcome the state the attempt ended in, or null while it runs
 * @param failure the attempt's failure, if it failed
 */
public record AttemptRecord(
    TaskId taskId,
    int attempt,
    String workerId,
    Instant startedAt,
    @Nullable Instant finishedAt,
    @Nullable TaskState outcome,
    @Nullable FailureInfo failure) {
  /** Validates the required fields. */
  public AttemptRecord {
    requireNonNull(taskId, "taskId");
    requireNonNull(workerId, "workerId");
    requireNonNull(startedAt, "startedAt");
  }
}
