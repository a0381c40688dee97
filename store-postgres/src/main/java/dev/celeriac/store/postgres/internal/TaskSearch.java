package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.PageCursor;
import dev.celeriac.api.spi.TaskPage;
import dev.celeriac.api.spi.TaskQuery;
import dev.celeriac.api.spi.TaskRecord;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The console's task list: filters, newest first by {@code (submitted_at, id)}, keyset-paginated
 * (the next page starts strictly below the previous page's last key; never OFFSET).
 */
public final class TaskSearch {
  private final DataSource dataSource;

  /** Searches through {@code dataSource}. */
  public TaskSearch(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** One page of tasks matching {@code query}. */
  public TaskPage query(TaskQuery query) {
    List<Object> params = new ArrayList<>();
    String sql = sql(query, params);
    List<TaskRecord> rows =
        Jdbc.withConnection(
            dataSource,
            "querying tasks",
            c -> {
              try (PreparedStatement select = c.prepareStatement(sql)) {
                bind(c, select, params);
                return TaskReads.collect(select, TaskRows::task);
              }
            });
    if (rows.size() <= query.limit()) {
      return new TaskPage(rows, null);
    }
    List<TaskRecord> page = rows.subList(0, query.limit());
    TaskRecord last = page.getLast();
    return new TaskPage(page, new PageCursor(last.submittedAt(), last.id()));
  }

  private static String sql(TaskQuery query, List<Object> params) {
    StringBuilder where = new StringBuilder(" WHERE true");
    if (!query.states().isEmpty()) {
      where.append(" AND state = ANY(?::text[])");
      params.add(query.states().stream().map(TaskState::name).toList());
    }
    condition(where, params, " AND name = ?", query.name());
    condition(where, params, " AND queue = ?", query.queue());
    condition(where, params, " AND submitted_at >= ?", timestamp(query.submittedFrom()));
    condition(where, params, " AND submitted_at < ?", timestamp(query.submittedBefore()));
    String text = query.text() == null ? null : query.text().strip();
    if (text != null && !text.isEmpty()) {
      UUID id = parseId(text);
      if (id != null) {
        condition(where, params, " AND id = ?", id);
      } else {
        condition(where, params, " AND name ILIKE ? ESCAPE '\\'", "%" + escapeLike(text) + "%");
      }
    }
    PageCursor after = query.after();
    if (after != null) {
      where.append(" AND (submitted_at, id) < (?, ?)");
      params.add(Sql.timestamp(after.submittedAt()));
      params.add(after.id().value());
    }
    params.add(query.limit() + 1);
    return "SELECT "
        + TaskRows.TASK_COLUMNS
        + " FROM celeriac_tasks"
        + where
        + " ORDER BY submitted_at DESC, id DESC LIMIT ?";
  }

  private static void condition(
      StringBuilder where, List<Object> params, String clause, @Nullable Object value) {
    if (value != null) {
      where.append(clause);
      params.add(value);
    }
  }

  private static @Nullable Object timestamp(java.time.@Nullable Instant instant) {
    return instant == null ? null : Sql.timestamp(instant);
  }

  private static @Nullable UUID parseId(String text) {
    try {
      return TaskId.parse(text).value();
    } catch (IllegalArgumentException e) {
      return null; // not an id: the text is searched for in task names instead
    }
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static void bind(java.sql.Connection c, PreparedStatement select, List<Object> params)
      throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      Object value = params.get(i);
      if (value instanceof List<?> list) {
        select.setArray(i + 1, c.createArrayOf("text", list.toArray()));
      } else {
        select.setObject(i + 1, value);
      }
    }
  }
}
