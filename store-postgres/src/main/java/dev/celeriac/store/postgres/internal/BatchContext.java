package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.TaskId;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one batch transaction accumulates: the completions to run once it commits (never before),
 * and the ids it made terminal, to announce with {@code pg_notify} before the commit.
 */
final class BatchContext {
  final Connection connection;
  private final Instant now;
  private final List<Runnable> afterCommit = new ArrayList<>();
  private final Set<TaskId> finished = new LinkedHashSet<>();

  BatchContext(Connection connection, Instant now) {
    this.connection = connection;
    this.now = now;
  }

  /** The store clock's time when the batch began; due time of messages without an eta. */
  Instant now() {
    return now;
  }

  void afterCommit(Runnable completion) {
    afterCommit.add(completion);
  }

  void finished(TaskId id) {
    finished.add(id);
  }

  List<Runnable> completions() {
    return afterCommit;
  }

  Set<TaskId> finishedIds() {
    return finished;
  }
}
