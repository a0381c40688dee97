package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.spi.WorkerHeartbeat;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Worker heartbeats: one row per worker id, replaced by each beat. A beat also revives a worker the
 * coordinator's reaper had marked lost. Written directly rather than through the batching writer: a
 * worker beats every few seconds, far off the hot path.
 */
public final class WorkerTable {
  private static final String UPSERT =
      """
      INSERT INTO celeriac_workers (worker_id, host, pid, queues, concurrency, running,
                                    processed, failed, started_at, last_heartbeat)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (worker_id) DO UPDATE SET
        host = EXCLUDED.host, pid = EXCLUDED.pid, queues = EXCLUDED.queues,
        concurrency = EXCLUDED.concurrency, running = EXCLUDED.running,
        processed = EXCLUDED.processed, failed = EXCLUDED.failed,
        started_at = EXCLUDED.started_at, last_heartbeat = EXCLUDED.last_heartbeat,
        state = 'RUNNING', stopped_at = NULL
      """;
  private static final String LIST =
      """
      SELECT worker_id, host, pid, queues, concurrency, running, processed, failed,
             started_at, last_heartbeat
        FROM celeriac_workers ORDER BY last_heartbeat DESC, worker_id
      """;

  private final DataSource dataSource;

  /** Heartbeats in the tables behind {@code dataSource}. */
  public WorkerTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Inserts the worker's row or replaces every field of it. */
  public void record(WorkerHeartbeat beat) {
    Jdbc.withConnection(
        dataSource,
        "recording the heartbeat of worker " + beat.workerId(),
        c -> {
          try (PreparedStatement upsert = c.prepareStatement(UPSERT)) {
            Array queues = c.createArrayOf("text", beat.queues().stream().sorted().toArray());
            upsert.setString(1, beat.workerId());
            upsert.setString(2, beat.host());
            upsert.setLong(3, beat.pid());
            upsert.setArray(4, queues);
            upsert.setInt(5, beat.concurrency());
            upsert.setInt(6, beat.inFlight());
            upsert.setLong(7, beat.processed());
            upsert.setLong(8, beat.failed());
            upsert.setObject(9, Sql.timestamp(beat.startedAt()));
            upsert.setObject(10, Sql.timestamp(beat.lastBeat()));
            return upsert.executeUpdate();
          }
        });
  }

  /** Every worker, the most recent heartbeat first. */
  public List<WorkerHeartbeat> list() {
    return Jdbc.withConnection(
        dataSource,
        "listing workers",
        c -> {
          List<WorkerHeartbeat> workers = new ArrayList<>();
          try (PreparedStatement select = c.prepareStatement(LIST);
              ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              workers.add(heartbeat(rows));
            }
          }
          return workers;
        });
  }

  private static WorkerHeartbeat heartbeat(ResultSet rows) throws SQLException {
    String[] queues = (String[]) rows.getArray("queues").getArray();
    return new WorkerHeartbeat(
        rows.getString("worker_id"),
        rows.getString("host"),
        rows.getLong("pid"),
        Set.of(queues),
        rows.getInt("concurrency"),
        rows.getInt("running"),
        rows.getLong("processed"),
        rows.getLong("failed"),
        Objects.requireNonNull(Sql.instant(rows, "started_at")),
        Objects.requireNonNull(Sql.instant(rows, "last_heartbeat")));
  }
}
