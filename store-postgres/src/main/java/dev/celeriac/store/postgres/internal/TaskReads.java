package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.AttemptRecord;
import dev.celeriac.api.spi.DeadLetter;
import dev.celeriac.api.spi.TaskChangeFeed;
import dev.celeriac.api.spi.TaskRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Single-task reads: a task, its attempts, finished tasks and terminations among many ids, dead
 * letters.
 */
public final class TaskReads {
  private static final String FIND =
      "SELECT " + TaskRows.TASK_COLUMNS + " FROM celeriac_tasks WHERE id = ?";
  private static final String FINISHED_AMONG =
      "SELECT "
          + TaskRows.TASK_COLUMNS
          + " FROM celeriac_tasks WHERE id = ANY(?::text[]::uuid[]) AND state IN "
          + Sql.TERMINAL_STATES;
  private static final String TERMINATIONS_AMONG =
      "SELECT task_id FROM celeriac_revocations WHERE task_id = ANY(?::text[]::uuid[]) AND terminate";
  private static final String CHANGES_AFTER =
      "SELECT "
          + TaskRows.TASK_COLUMNS
          + ", updated_at FROM celeriac_tasks WHERE (updated_at, id) > (?, ?)"
          + " ORDER BY updated_at, id LIMIT ?";
  private static final String ATTEMPTS =
      "SELECT "
          + TaskRows.ATTEMPT_COLUMNS
          + " FROM celeriac_attempts WHERE task_id = ? ORDER BY attempt, started_at, run_id";
  private static final String DEAD_LETTERS =
      "SELECT "
          + TaskRows.DEAD_LETTER_COLUMNS
          + " FROM celeriac_dead_letters ORDER BY dead_at DESC, id DESC LIMIT ?";

  private final DataSource dataSource;

  /** Reads through {@code dataSource}. */
  public TaskReads(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The task's row, if any. */
  public Optional<TaskRecord> find(TaskId id) {
    return Jdbc.withConnection(
        dataSource,
        "reading task " + id,
        c -> {
          try (PreparedStatement select = c.prepareStatement(FIND)) {
            select.setObject(1, id.value());
            try (ResultSet row = select.executeQuery()) {
              return row.next() ? Optional.of(TaskRows.task(row)) : Optional.empty();
            }
          }
        });
  }

  /** Those of {@code ids} that are terminal, in one query. */
  public List<TaskRecord> finishedAmong(Collection<TaskId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<TaskId> list = List.copyOf(ids);
    return Jdbc.withConnection(
        dataSource,
        "reading " + ids.size() + " awaited tasks",
        c -> {
          try (PreparedStatement select = c.prepareStatement(FINISHED_AMONG)) {
            select.setArray(1, Sql.column(c, list, TaskId::value));
            return collect(select, TaskRows::task);
          }
        });
  }

  /** Those of {@code ids} revoked with terminate, in one primary-key lookup. */
  public Set<TaskId> terminationsAmong(Collection<TaskId> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    List<TaskId> list = List.copyOf(ids);
    return Jdbc.withConnection(
        dataSource,
        "reading the terminations among " + ids.size() + " running tasks",
        c -> {
          try (PreparedStatement select = c.prepareStatement(TERMINATIONS_AMONG)) {
            select.setArray(1, Sql.column(c, list, TaskId::value));
            return Set.copyOf(
                collect(select, row -> new TaskId(row.getObject(1, java.util.UUID.class))));
          }
        });
  }

  /** See {@code TaskChangeFeed.changesAfter}. */
  public List<TaskChangeFeed.TaskChange> changesAfter(
      Instant changedAt, TaskId afterId, int limit) {
    return Jdbc.withConnection(
        dataSource,
        "reading changed tasks",
        c -> {
          try (PreparedStatement select = c.prepareStatement(CHANGES_AFTER)) {
            select.setObject(1, Sql.timestamp(changedAt));
            select.setObject(2, afterId.value());
            select.setInt(3, limit);
            return collect(
                select,
                row ->
                    new TaskChangeFeed.TaskChange(
                        TaskRows.task(row),
                        java.util.Objects.requireNonNull(Sql.instant(row, "updated_at"))));
          }
        });
  }

  /** The task's attempts, first to last. */
  public List<AttemptRecord> attempts(TaskId id) {
    return Jdbc.withConnection(
        dataSource,
        "reading the attempts of " + id,
        c -> {
          try (PreparedStatement select = c.prepareStatement(ATTEMPTS)) {
            select.setObject(1, id.value());
            return collect(select, TaskRows::attempt);
          }
        });
  }

  /** The newest {@code limit} dead letters. */
  public List<DeadLetter> deadLetters(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    return Jdbc.withConnection(
        dataSource,
        "reading dead letters",
        c -> {
          try (PreparedStatement select = c.prepareStatement(DEAD_LETTERS)) {
            select.setInt(1, limit);
            return collect(select, TaskRows::deadLetter);
          }
        });
  }

  /** Reads one row into a value. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet row) throws java.sql.SQLException;
  }

  static <T> List<T> collect(PreparedStatement select, RowMapper<T> mapper)
      throws java.sql.SQLException {
    List<T> values = new ArrayList<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        values.add(mapper.map(rows));
      }
    }
    return values;
  }
}
