package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.spi.DeadLetterEntry;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Operator actions on {@code celeriac_dead_letters}: list open letters, mark, discard. */
public final class DeadLetterTable {
  private static final String COLUMNS = "id, redriven_at, " + TaskRows.DEAD_LETTER_COLUMNS;
  private static final String OPEN =
      "SELECT "
          + COLUMNS
          + " FROM celeriac_dead_letters WHERE redriven_at IS NULL"
          + " ORDER BY dead_at DESC, id DESC LIMIT ?";
  private static final String FIND =
      "SELECT " + COLUMNS + " FROM celeriac_dead_letters WHERE id = ?";
  private static final String MARK =
      "UPDATE celeriac_dead_letters SET redriven_at = ? WHERE id = ? AND redriven_at IS NULL";
  private static final String DISCARD = "DELETE FROM celeriac_dead_letters WHERE id = ?";

  private final DataSource dataSource;

  /** Works through {@code dataSource}. */
  public DeadLetterTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Up to {@code limit} letters not re-driven, newest first. */
  public List<DeadLetterEntry> open(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    return Jdbc.withConnection(
        dataSource,
        "reading open dead letters",
        c -> {
          try (PreparedStatement select = c.prepareStatement(OPEN)) {
            select.setInt(1, limit);
            return TaskReads.collect(select, row -> entry(row));
          }
        });
  }

  /** The letter with this id, if stored. */
  public Optional<DeadLetterEntry> find(long id) {
    return Jdbc.withConnection(
        dataSource,
        "reading dead letter " + id,
        c -> {
          try (PreparedStatement select = c.prepareStatement(FIND)) {
            select.setLong(1, id);
            return TaskReads.collect(select, row -> entry(row)).stream().findFirst();
          }
        });
  }

  private static DeadLetterEntry entry(java.sql.ResultSet row) throws java.sql.SQLException {
    return new DeadLetterEntry(
        row.getLong("id"), TaskRows.deadLetter(row), Sql.instant(row, "redriven_at"));
  }

  /** Marks the letter re-driven unless it was; whether this call marked it. */
  public boolean markRedriven(long id, Instant at) {
    return Jdbc.withConnection(
        dataSource,
        "marking dead letter " + id + " re-driven",
        c -> {
          try (PreparedStatement update = c.prepareStatement(MARK)) {
            update.setObject(1, Sql.timestamp(at));
            update.setLong(2, id);
            return update.executeUpdate() == 1;
          }
        });
  }

  /** Deletes the letter; whether there was one. */
  public boolean discard(long id) {
    return Jdbc.withConnection(
        dataSource,
        "discarding dead letter " + id,
        c -> {
          try (PreparedStatement delete = c.prepareStatement(DISCARD)) {
            delete.setLong(1, id);
            return delete.executeUpdate() == 1;
          }
        });
  }
}
