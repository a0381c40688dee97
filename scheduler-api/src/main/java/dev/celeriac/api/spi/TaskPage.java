package dev.celeriac.api.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a {@link TaskQuery}.
 *
 * @param tasks the rows, newest first
 * @param next the cursor for the next page, or null on the last page
 */
public record TaskPage(List<TaskRecord> tasks, @Nullable PageCursor next) {
  /** Validates the fields. */
  public TaskPage {
    tasks = List.copyOf(requireNonNull(tasks, "tasks"));
  }
}
