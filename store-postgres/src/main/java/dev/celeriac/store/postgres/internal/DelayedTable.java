package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.MalformedMessageException;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delayed table's dispatcher side: claims under a lease with {@code FOR UPDATE SKIP LOCKED}, so
 * concurrent dispatchers never claim the same entry, and an entry whose dispatcher died becomes
 * claimable again when its lease ends.
 */
public final class DelayedTable {
  private static final Logger log = LoggerFactory.getLogger(DelayedTable.class);
  private static final TaskMessageCodec CODEC = new TaskMessageCodec();

  private static final String CLAIM =
      """
      UPDATE celeriac_delayed d SET claimed_until = ?
        FROM (SELECT task_id, attempt FROM celeriac_delayed
               WHERE due_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
               ORDER BY due_at, task_id LIMIT ? FOR UPDATE SKIP LOCKED) c
       WHERE d.task_id = c.task_id AND d.attempt = c.attempt
      RETURNING d.due_at, d.message::text AS message
      """;

  // An id's claimed entries are the ones that were published. An unclaimed entry of the same id
  // is a retry written after the claim and must survive; without any claim, all entries go.
  private static final String REMOVE =
      """
      DELETE FROM celeriac_delayed d
       WHERE d.task_id = ANY(?::text[]::uuid[])
         AND (d.claimed_until IS NOT NULL
              OR NOT EXISTS (SELECT 1 FROM celeriac_delayed o
                              WHERE o.task_id = d.task_id AND o.claimed_until IS NOT NULL))
      """;

  private static final String NEXT_DUE =
      "SELECT min(GREATEST(due_at, COALESCE(claimed_until, due_at))) FROM celeriac_delayed";

  private final DataSource dataSource;

  /** The delayed table behind {@code dataSource}. */
  public DelayedTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Claims up to {@code limit} entries due at {@code now} for {@code lease}, oldest first. */
  public List<TaskMessage> claimDue(Instant now, int limit, Duration lease) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive, was " + lease);
    }
    record Claimed(Instant dueAt, TaskMessage message) {}
    List<Claimed> claimed =
        Jdbc.withConnection(
            dataSource,
            "claiming due tasks",
            c -> {
              try (PreparedStatement claim = c.prepareStatement(CLAIM)) {
                claim.setObject(1, Sql.timestamp(now.plus(lease)));
                claim.setObject(2, Sql.timestamp(now));
                claim.setObject(3, Sql.timestamp(now));
                claim.setInt(4, limit);
                List<Claimed> rows = new ArrayList<>();
                try (ResultSet row = claim.executeQuery()) {
                  while (row.next()) {
                    TaskMessage message = decode(row.getString("message"));
                    if (message != null) {
                      rows.add(
                          new Claimed(
                              row.getObject("due_at", OffsetDateTime.class).toInstant(), message));
                    }
                  }
                }
                return rows;
              }
            });
    return claimed.stream()
        .sorted(Comparator.comparing(Claimed::dueAt))
        .map(Claimed::message)
        .toList();
  }

  // An entry that cannot be decoded stays claimed and is reported each time its lease ends; it
  // must not stop the other due entries from being dispatched.
  private static @Nullable TaskMessage decode(String json) {
    try {
      return CODEC.decode(json.getBytes(StandardCharsets.UTF_8));
    } catch (MalformedMessageException e) {
      log.error("a delayed entry cannot be decoded and is skipped: {}; entry: {}", e, json);
      return null;
    }
  }

  /** Deletes the published (claimed) entries of {@code ids}. */
  public void removeDelayed(Collection<TaskId> ids) {
    if (ids.isEmpty()) {
      return;
    }
    List<TaskId> list = List.copyOf(ids);
    Jdbc.withConnection(
        dataSource,
        "removing " + ids.size() + " delayed tasks",
        c -> {
          try (PreparedStatement delete = c.prepareStatement(REMOVE)) {
            delete.setArray(1, Sql.column(c, list, TaskId::value));
            return delete.executeUpdate();
          }
        });
  }

  /** When the earliest entry becomes claimable. */
  public Optional<Instant> nextDue() {
    return Jdbc.withConnection(
        dataSource,
        "reading the next due time",
        c -> {
          try (PreparedStatement select = c.prepareStatement(NEXT_DUE);
              ResultSet row = select.executeQuery()) {
            row.next();
            return Optional.ofNullable(Sql.instant(row, "min"));
          }
        });
  }
}
