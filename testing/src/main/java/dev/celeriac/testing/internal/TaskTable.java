package dev.celeriac.testing.internal;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.AttemptRecord;
import dev.celeriac.api.spi.TaskChangeFeed;
import dev.celeriac.api.spi.TaskCompletion;
import dev.celeriac.api.spi.TaskRecord;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The task rows, their attempts and the revocations of ids not seen yet. Not thread-safe: the store
 * calls it under its lock. Every move to a terminal state goes through {@link FinishWaiters}.
 */
final class TaskTable {
  private final Map<TaskId, TaskRow> rows = new HashMap<>();
  private final Map<TaskId, List<AttemptRecord>> attempts = new HashMap<>();
  private final Map<TaskId, Instant> revokedBeforeSeen = new HashMap<>();
  private final FinishWaiters waiters;
  private final InstantSource clock;

  TaskTable(FinishWaiters waiters, InstantSource clock) {
    this.waiters = waiters;
    this.clock = clock;
  }

  @Nullable TaskRow get(TaskId id) {
    return rows.get(id);
  }

  /** The row of {@code message}'s task, created in {@code initial} state if there is none. */
  TaskRow getOrCreate(TaskMessage message, TaskState initial) {
    TaskRow existing = rows.get(message.id());
    if (existing != null) {
      return existing;
    }
    TaskRow row = new TaskRow(message, initial);
    row.updatedAt = clock.instant();
    rows.put(row.id, row);
    Instant revokedAt = revokedBeforeSeen.remove(row.id);
    if (revokedAt != null) {
      // A revocation that arrived before the task did still wins: the task must never run.
      finish(row, TaskState.REVOKED, revokedAt, null);
    }
    return row;
  }

  void rememberRevocation(TaskId id, Instant at) {
    revokedBeforeSeen.putIfAbsent(id, at);
  }

  void start(TaskRow row, int attempt, String workerId, Instant at) {
    row.state = TaskState.STARTED;
    row.updatedAt = clock.instant();
    row.attempts++;
    row.startedAt = at;
    row.workerId = workerId;
    attempts
        .computeIfAbsent(row.id, k -> new ArrayList<>())
        .add(new AttemptRecord(row.id, attempt, workerId, at, null, null, null));
  }

  void endAttempt(TaskRow row, TaskCompletion completion) {
    row.workerId = completion.workerId();
    if (completion.state() == TaskState.SUCCEEDED) {
      row.result = completion.result() == null ? null : completion.result().deepCopy();
    }
    if (completion.state().isTerminal()) {
      finish(row, completion.state(), completion.finishedAt(), completion.failure());
    } else {
      row.state = completion.state();
      row.failure = completion.failure();
      row.updatedAt = clock.instant();
    }
    closeAttempt(row, completion);
  }

  /**
   * Records the end of {@code completion}'s attempt in the history, also when its finish lost to a
   * terminal state (a revoked task's attempt still ran and ended), as the PostgreSQL store does.
   */
  void closeAttempt(TaskRow row, TaskCompletion completion) {
    List<AttemptRecord> history = attempts.getOrDefault(row.id, List.of());
    for (int i = history.size() - 1; i >= 0; i--) {
      AttemptRecord open = history.get(i);
      if (open.attempt() == completion.attempt() && open.finishedAt() == null) {
        history.set(
            i,
            new AttemptRecord(
                row.id,
                open.attempt(),
                open.workerId(),
                open.startedAt(),
                completion.finishedAt(),
                completion.state(),
                completion.failure()));
        return;
      }
    }
  }

  void finish(
      TaskRow row, TaskState terminal, Instant at, dev.celeriac.api.@Nullable FailureInfo cause) {
    row.finish(terminal, at, cause);
    row.updatedAt = clock.instant();
    waiters.finished(row.toRecord());
  }

  List<AttemptRecord> attemptsOf(TaskId id) {
    return List.copyOf(attempts.getOrDefault(id, List.of()));
  }

  /** Up to {@code limit} rows changed after {@code (changedAt, afterId)}, in the feed's order. */
  List<TaskChangeFeed.TaskChange> changesAfter(Instant changedAt, TaskId afterId, int limit) {
    Comparator<TaskRow> order =
        Comparator.<TaskRow, Instant>comparing(r -> r.updatedAt)
            .thenComparing(r -> r.id, TaskTable::unsigned);
    return rows.values().stream()
        .filter(
            r -> {
              int byTime = r.updatedAt.compareTo(changedAt);
              return byTime > 0 || (byTime == 0 && unsigned(r.id, afterId) > 0);
            })
        .sorted(order)
        .limit(limit)
        .map(r -> new TaskChangeFeed.TaskChange(r.toRecord(), r.updatedAt))
        .toList();
  }

  // PostgreSQL orders uuid as unsigned bytes; UUID.compareTo compares signed longs.
  private static int unsigned(TaskId a, TaskId b) {
    int high =
        Long.compareUnsigned(
            a.value().getMostSignificantBits(), b.value().getMostSignificantBits());
    return high != 0
        ? high
        : Long.compareUnsigned(
            a.value().getLeastSignificantBits(), b.value().getLeastSignificantBits());
  }

  List<TaskRecord> records() {
    return rows.values().stream().map(TaskRow::toRecord).toList();
  }

  int deleteFinishedBefore(Instant cutoff, int maxRows) {
    List<TaskId> doomed =
        rows.values().stream()
            .filter(r -> r.isTerminal() && r.finishedAt != null && r.finishedAt.isBefore(cutoff))
            .sorted(Comparator.comparing(r -> Objects.requireNonNull(r.finishedAt)))
            .limit(maxRows)
            .map(r -> r.id)
            .toList();
    doomed.forEach(
        id -> {
          rows.remove(id);
          attempts.remove(id);
        });
    return doomed.size();
  }
}
