package dev.celeriac.store.postgres.internal;

import dev.celeriac.store.postgres.TaskStoreException;
import dev.celeriac.store.postgres.WriteStats;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: writes from any number of threads wait in a queue; one writer thread takes whatever
 * is waiting (up to the batch size), runs it as a few multi-row statements in one transaction,
 * commits, and only then completes the callers' futures (on a virtual thread, so slow callbacks
 * never hold up the next batch). A batch that fails is retried write by write when the database
 * refused its content, so one bad write cannot sink the others; when the connection is the problem,
 * every future of the batch fails with a {@link TaskStoreException}. No write is ever completed
 * without its commit, and none is dropped silently.
 */
public final class BatchingWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BatchingWriter.class);
  private static final long IDLE_POLL_MILLIS = 100;

  private final DataSource dataSource;
  private final int maxBatchSize;
  private final InstantSource clock;
  private final LinkedBlockingQueue<PendingWrite> queue = new LinkedBlockingQueue<>();
  private final ExecutorService completer = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicLong batchesCommitted = new AtomicLong();
  private final AtomicLong writesCommitted = new AtomicLong();
  private final AtomicLong batchesFailed = new AtomicLong();
  private final AtomicLong writesFailed = new AtomicLong();
  private volatile boolean accepting;
  private volatile boolean stopping;
  private volatile @Nullable Thread thread;

  /** A writer that takes connections from {@code dataSource}; {@link #start()} starts it. */
  public BatchingWriter(DataSource dataSource, int maxBatchSize, InstantSource clock) {
    this.dataSource = dataSource;
    this.maxBatchSize = maxBatchSize;
    this.clock = clock;
  }

  /** Starts the writer thread. Called once, by the store's {@code start()}. */
  public void start() {
    accepting = true;
    thread = Thread.ofPlatform().name("celeriac-store-writer").daemon(true).start(this::run);
  }

  /**
   * Queues {@code write}; its future completes after the commit. Fails the future at once with a
   * {@link TaskStoreException} when the writer is not running.
   */
  public void submit(PendingWrite write) {
    if (!accepting) {
      fail(List.of(write), new TaskStoreException("the task store is not running"));
      return;
    }
    queue.add(write);
  }

  /** The writer's counters so far. */
  public WriteStats stats() {
    return new WriteStats(
        batchesCommitted.get(), writesCommitted.get(), batchesFailed.get(), writesFailed.get());
  }

  private void run() {
    List<PendingWrite> batch = new ArrayList<>(maxBatchSize);
    while (!stopping || !queue.isEmpty()) {
      try {
        PendingWrite first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatchSize - 1);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.warn("task store writer interrupted; {} writes left queued", queue.size());
        return;
      } catch (RuntimeException e) {
        // write() handles its own failures; this guards the loop against a bug losing the thread.
        log.error("task store writer failed unexpectedly", e);
        fail(batch, new TaskStoreException("the task store writer failed: " + e, e));
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<PendingWrite> batch) {
    try {
      commit(batch);
    } catch (SQLException | RuntimeException e) {
      batchesFailed.incrementAndGet();
      if (batch.size() > 1 && !isConnectionProblem(e)) {
        log.warn("a batch of {} writes failed; retrying them one by one", batch.size(), e);
        for (PendingWrite write : batch) {
          write(List.of(write));
        }
        return;
      }
      log.warn("{} task store writes were not committed", batch.size(), e);
      fail(
          batch,
          new TaskStoreException(
              "the write was not committed (batch of " + batch.size() + "): " + e.getMessage(), e));
    }
  }

  private void commit(List<PendingWrite> batch) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        Instant now = clock.instant();
        BatchContext done = BatchTransaction.run(connection, batch, now);
        connection.commit();
        batchesCommitted.incrementAndGet();
        writesCommitted.addAndGet(batch.size());
        List<Runnable> completions = done.completions();
        completer.execute(() -> completions.forEach(Runnable::run));
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      } finally {
        restoreAutoCommit(connection);
      }
    }
  }

  private static void restoreAutoCommit(Connection connection) {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      // The connection is broken; closing it hands it back to the pool, which evicts it.
      log.debug("could not restore auto-commit on a failed connection", e);
    }
  }

  private static void rollback(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  static boolean isConnectionProblem(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
          return true;
        }
      }
    }
    return false;
  }

  private void fail(List<PendingWrite> writes, Throwable error) {
    writesFailed.addAndGet(writes.size());
    for (PendingWrite write : writes) {
      write.future().completeExceptionally(error);
    }
  }

  /**
   * Stops taking writes, commits everything already queued, then fails any write that raced with
   * the stop. Waits for the writer thread and for the completions of the last batches.
   */
  @Override
  public void close() {
    accepting = false;
    stopping = true;
    Thread running = thread;
    if (running != null) {
      try {
        running.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<PendingWrite> leftovers = new ArrayList<>();
    queue.drainTo(leftovers);
    if (!leftovers.isEmpty()) {
      fail(leftovers, new TaskStoreException("the task store closed before the write was made"));
    }
    completer.shutdown();
    try {
      if (!completer.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("write completions still running 30 s after close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
