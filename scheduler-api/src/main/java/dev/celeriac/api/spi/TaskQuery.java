package dev.celeriac.api.spi;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.TaskState;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A filter over tasks for the console, newest submission first.
 *
 * @param states only these states; empty for all
 * @param name only this task name, or null
 * @param queue only this queue, or null
 * @param submittedFrom only tasks submitted at or after this time, or null
 * @param submittedBefore only tasks submitted before this time, or null
 * @param text a task id, or a part of a task name, or null
 * @param limit the page size, 1 to {@value #MAX_LIMIT}
 * @param after the cursor of the previous page's last row, or null for the first page
 */
public record TaskQuery(
    Set<TaskState> states,
    @Nullable String name,
    @Nullable String queue,
    @Nullable Instant submittedFrom,
    @Nullable Instant submittedBefore,
    @Nullable String text,
    int limit,
    @Nullable PageCursor after) {

  /** The largest page a query may ask for. */
  public static final int MAX_LIMIT = 1000;

  /** Validates the filter. */
  public TaskQuery {
    states = Set.copyOf(requireNonNull(states, "states"));
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
    }
  }

  /** The first page of all tasks, {@code limit} rows. */
  public static TaskQuery all(int limit) {
    return new TaskQuery(Set.of(), null, null, null, null, null, limit, null);
  }

  /** This query for the page after {@code cursor}. */
  public TaskQuery after(PageCursor cursor) {
    return new TaskQuery(states, name, queue, submittedFrom, submittedBefore, text, limit, cursor);
  }
}
