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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
      RETURNING d.due_at, d.attempt, d.message::text AS message
      """;

  // Only the entries this instance claimed, each still under that claim: an entry of the same id
  // written after the claim (the next retry, or the same retry stored again by a rerun, which
  // resets its claim) or claimed by another dispatcher since must survive, or it would be lost.
  private static final String REMOVE =
      """
      DELETE FROM celeriac_delayed d
       USING unnest(?::text[], ?::text[], ?::text[]) AS c(task_id, attempt, claimed_until)
       WHERE d.task_id = c.task_id::uuid AND d.attempt = c.attempt::int
         AND d.claimed_until = c.claimed_until::timestamptz
      """;

  private static final String NEXT_DUE =
      "SELECT min(GREATEST(due_at, COALESCE(claimed_until, due_at))) FROM celeriac_delayed";

  private final DataSource dataSource;

  /** What this instance claimed and has not removed yet: per task id, attempt to lease end. */
  private final Map<TaskId, Map<Integer, Instant>> claims = new ConcurrentHashMap<>();

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
    record Claimed(Instant dueAt, int attempt, TaskMessage message) {}
    // Microseconds, as PostgreSQL keeps it, so removeDelayed can match the claim exactly.
    Instant until = now.plus(lease).truncatedTo(ChronoUnit.MICROS);
    List<Claimed> claimed =
        Jdbc.withConnection(
            dataSource,
            "claiming due tasks",
            c -> {
              try (PreparedStatement claim = c.prepareStatement(CLAIM)) {
                claim.setObject(1, Sql.timestamp(until));
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
                              row.getObject("due_at", OffsetDateTime.class).toInstant(),
                              row.getInt("attempt"),
                              message));
                    }
                  }
                }
                return rows;
              }
            });
    forgetClaimsEndedBefore(now.minus(lease));
    for (Claimed c : claimed) {
      claims
          .computeIfAbsent(c.message().id(), id -> new ConcurrentHashMap<>())
          .put(c.attempt(), until);
    }
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

  // A claim whose publish failed is never removed; once its lease is long over, another
  // dispatcher may have it, so it is forgotten rather than kept forever.
  private void forgetClaimsEndedBefore(Instant cutoff) {
    claims.values().forEach(attempts -> attempts.values().removeIf(end -> end.isBefore(cutoff)));
    claims.values().removeIf(Map::isEmpty);
  }

  /**
   * Deletes the entries of {@code ids} this instance claimed, if they are still under that claim
   * (entries written or claimed by others since stay).
   */
  public void removeDelayed(Collection<TaskId> ids) {
    List<String> taskIds = new ArrayList<>();
    List<String> attempts = new ArrayList<>();
    List<String> ends = new ArrayList<>();
    for (TaskId id : ids) {
      Map<Integer, Instant> claimed = claims.remove(id);
      if (claimed != null) {
        claimed.forEach(
            (attempt, end) -> {
              taskIds.add(id.toString());
              attempts.add(attempt.toString());
              ends.add(end.toString());
            });
      }
    }
    if (taskIds.isEmpty()) {
      return;
    }
    Jdbc.withConnection(
        dataSource,
        "removing " + taskIds.size() + " delayed tasks",
        c -> {
          try (PreparedStatement delete = c.prepareStatement(REMOVE)) {
            delete.setArray(1, Sql.column(c, taskIds, text -> text));
            delete.setArray(2, Sql.column(c, attempts, text -> text));
            delete.setArray(3, Sql.column(c, ends, text -> text));
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
