package dev.celeriac.store.postgres.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The statements of one batch, in one transaction the caller commits: per round, the missing task
 * rows, the delayed entries of schedules, the starts, then finishes, dead letters and revocations;
 * at the end one {@code pg_notify} for the ids made terminal.
 */
final class BatchTransaction {
  private BatchTransaction() {}

  /** Runs {@code writes} on {@code connection} (auto-commit off); the caller commits. */
  static BatchContext run(Connection connection, List<PendingWrite> writes, Instant now)
      throws SQLException {
    BatchContext batch = new BatchContext(connection, now);
    for (List<PendingWrite> round : WriteRounds.split(writes)) {
      runRound(batch, round);
    }
    FinishedNotifications.send(batch);
    return batch;
  }

  // Each round's rows go to PostgreSQL in one id order, so two stores whose batches share ids
  // lock those rows in the same order and do not deadlock.
  private static final Comparator<PendingWrite> BY_ID =
      Comparator.comparing(PendingWrite::taskId, Comparator.nullsLast(Comparator.naturalOrder()));

  private static void runRound(BatchContext batch, List<PendingWrite> unordered)
      throws SQLException {
    List<PendingWrite> round = unordered.stream().sorted(BY_ID).toList();
    TaskRowInserts.insertMissing(batch, round);
    List<PendingWrite.Schedule> schedules = new ArrayList<>();
    List<PendingWrite.Start> starts = new ArrayList<>();
    for (PendingWrite write : round) {
      switch (write) {
        case PendingWrite.Schedule s -> schedules.add(s);
        case PendingWrite.Start s -> starts.add(s);
        case PendingWrite.Submit s -> batch.afterCommit(() -> s.future().complete(null));
        default -> {}
      }
    }
    DelayedInserts.insert(
        batch,
        schedules.stream().map(PendingWrite.Schedule::message).toList(),
        m -> m.eta() == null ? batch.now() : m.eta());
    schedules.forEach(s -> batch.afterCommit(() -> s.future().complete(null)));
    StartWrites.apply(batch, starts);
    FinishWrites.apply(batch, round);
  }
}
