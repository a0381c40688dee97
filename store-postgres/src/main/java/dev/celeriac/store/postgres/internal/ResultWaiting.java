package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.TaskRecord;
import dev.celeriac.store.postgres.TaskStoreException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Result waiting: waiters are woken by {@code NOTIFY} from the writer's commits (through {@link
 * FinishedListener}), and, as a fallback, by a poll that re-checks every waited-for id in one query
 * at a fixed interval. Each wake-up re-reads the rows, in one query per burst.
 */
public final class ResultWaiting implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ResultWaiting.class);
  private static final int IDS_PER_QUERY = 1000;

  private final TaskReads reads;
  private final Duration pollInterval;
  private final ExecutorService completer = Executors.newVirtualThreadPerTaskExecutor();
  private final ResultWaiters waiters = new ResultWaiters(completer);
  private final FinishedListener listener;
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("celeriac-result-poll").daemon(true).unstarted(r));

  /**
   * Waiting over {@code reads}, listening on connections from {@code connections}; the same
   * listener connection calls {@code delayedChanges} when delayed entries change.
   */
  public ResultWaiting(
      TaskReads reads,
      ListenerConnections connections,
      Duration pollInterval,
      DelayedChangeListeners delayedChanges) {
    this.reads = reads;
    this.pollInterval = pollInterval;
    this.listener =
        new FinishedListener(connections, this::recheck, this::recheckAll, delayedChanges::fire);
  }

  /** Starts the listener thread and the polling fallback. */
  public void start() {
    listener.start();
    long millis = pollInterval.toMillis();
    poller.scheduleWithFixedDelay(this::recheckAll, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** A future of the task's terminal record; see {@code TaskStore.whenFinished}. */
  public CompletableFuture<TaskRecord> whenFinished(TaskId id) {
    // Register before reading, so a result committed between the read and the registration still
    // reaches this waiter through its notification.
    CompletableFuture<TaskRecord> future = waiters.register(id);
    try {
      // Completed here, on the caller's thread, so a finished task's future is done on return.
      reads.find(id).filter(r -> r.state().isTerminal()).ifPresent(future::complete);
    } catch (TaskStoreException e) {
      future.completeExceptionally(e);
    }
    return future;
  }

  /** How many task ids are waited for. */
  public int waitingCount() {
    return waiters.size();
  }

  private void recheck(Collection<TaskId> ids) {
    List<TaskId> wanted = waiters.waitedFor(ids);
    for (int from = 0; from < wanted.size(); from += IDS_PER_QUERY) {
      List<TaskId> chunk = wanted.subList(from, Math.min(wanted.size(), from + IDS_PER_QUERY));
      try {
        reads.finishedAmong(chunk).forEach(waiters::complete);
      } catch (TaskStoreException e) {
        log.warn("could not re-read {} awaited tasks; the next check retries", chunk.size(), e);
      }
    }
  }

  private void recheckAll() {
    recheck(waiters.ids());
  }

  /** Stops listening and polling, and fails the waiters that are left. */
  @Override
  public void close() {
    listener.stop();
    poller.shutdownNow();
    waiters.failAll(new TaskStoreException("the task store closed while waiting for the task"));
    completer.shutdown();
  }
}
