package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.TaskState;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Small JDBC pieces shared by the statements: text-array columns, instants, state lists. */
final class Sql {
  /** The terminal states as an SQL list, for {@code state NOT IN (…)}. */
  static final String TERMINAL_STATES =
      Arrays.stream(TaskState.values())
          .filter(TaskState::isTerminal)
          .map(state -> "'" + state.name() + "'")
          .collect(Collectors.joining(", ", "(", ")"));

  private Sql() {}

  /**
   * One column of an {@code unnest(?::text[], …)} row set. Every column travels as text and is cast
   * in SQL, which keeps the binding uniform and lets PostgreSQL parse uuids and timestamps.
   */
  static <T> Array column(Connection connection, List<T> rows, Function<T, @Nullable Object> value)
      throws SQLException {
    String[] texts = new String[rows.size()];
    for (int i = 0; i < texts.length; i++) {
      Object v = value.apply(rows.get(i));
      texts[i] = v == null ? null : v.toString();
    }
    return connection.createArrayOf("text", texts);
  }

  /**
   * {@code text} without NUL characters, which PostgreSQL text columns refuse: a failure message
   * that happens to hold one must not make its result unstorable.
   */
  static @Nullable String storable(@Nullable String text) {
    return text == null || text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
  }

  static @Nullable Instant instant(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
