package dev.celeriac.api.spi;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.TaskId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An optional capability of a {@link TaskStore}: the tasks in the order of their last change, so a
 * reader (the console's live feed) can announce every state change without scanning every task.
 * Each write that changes a task stamps it with the time of the change; a reader pages through
 * {@link #changesAfter} by {@code (changedAt, id)}.
 *
 * <p>Writes commit out of the order of their stamps by up to the length of a write transaction
 * (milliseconds in the batching writer), so a reader that must miss nothing starts each read a
 * little before the latest stamp it saw and skips what it already announced. A task changed twice
 * between two reads is seen once, in its latest state.
 *
 * <p>Thread-safe. Stability: may change between minor versions; every implementation runs {@code
 * OperatorStoreContractTest} from the {@code celeriac-api} test-jar.
 */
public interface TaskChangeFeed {
  /**
   * The smallest task id in the feed's order (ids compare as unsigned 128-bit numbers, as
   * PostgreSQL orders uuid), to start a page at the first task changed at a given time.
   */
  TaskId FIRST_ID = new TaskId(new UUID(0, 0));

  /**
   * Up to {@code limit} tasks whose last change comes after {@code (changedAt, afterId)}, ordered
   * by change time, then id. On PostgreSQL one range scan of the {@code (updated_at, id)} index.
   *
   * @throws IllegalArgumentException if {@code limit} is not 1..{@value TaskQuery#MAX_LIMIT}
   */
  List<TaskChange> changesAfter(Instant changedAt, TaskId afterId, int limit);

  /**
   * A task as of the read, and when it last changed.
   *
   * @param task the task's record
   * @param changedAt the time its last change was stamped with
   */
  record TaskChange(TaskRecord task, Instant changedAt) {
    /** Validates the fields. */
    public TaskChange {
      requireNonNull(task, "task");
      requireNonNull(changedAt, "changedAt");
    }
  }
}
