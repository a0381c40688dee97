package dev.celeriac.api.spi;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.TaskId;
import java.time.Instant;

/**
 * Where a page of tasks ended: the sort key of its last row (keyset pagination, never OFFSET).
 *
 * @param submittedAt the last row's submission time
 * @param id the last row's id, which breaks ties
 */
public record PageCursor(Instant submittedAt, TaskId id) {
  /** Validates the fields. */
  public PageCursor {
    requireNonNull(submittedAt, "submittedAt");
    requireNonNull(id, "id");
  }
}
