package dev.celeriac.api.spi;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.TaskState;

/**
 * What a write that finishes a task achieved.
 *
 * @param applied true if this write was recorded; false if the task had already reached a terminal
 *     state (the caller lost a race, or the task was revoked) and nothing was written
 * @param state the task's state after the write: the one written, or the terminal one it kept
 */
public record FinishResult(boolean applied, TaskState state) {
  /** Validates the fields. */
  public FinishResult {
    requireNonNull(state, "state");
  }
}
