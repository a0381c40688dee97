package dev.celeriac.api.spi;

import dev.celeriac.api.TaskId;
import java.time.Instant;
import java.util.List;

/**
 * The coordinator's housekeeping writes on task state (DESIGN.md, Coordinator, the reaper): tasks
 * that expired before they started, and workers that stopped sending heartbeats. Retention is
 * {@link TaskStore#deleteFinishedBefore}.
 *
 * <p>Every method is thread-safe, works in bounded batches, and takes effect when it returns;
 * implementations throw their own unchecked exception when the storage cannot be reached.
 *
 * <p>Stability: may change between minor versions.
 */
public interface MaintenanceStore {

  /**
   * Marks up to {@code maxRows} tasks that are {@link dev.celeriac.api.TaskState#PENDING} or {@link
   * dev.celeriac.api.TaskState#SCHEDULED} with an expiry before {@code now} as {@link
   * dev.celeriac.api.TaskState#EXPIRED} (finished at {@code now}), drops their delayed entries and
   * wakes their result waiters. A worker that later receives one of them does not run it.
   *
   * @return the ids expired by this call; call again while it returns {@code maxRows} of them
   * @throws IllegalArgumentException if {@code maxRows < 1}
   */
  List<TaskId> expireOverdue(Instant now, int maxRows);

  /**
   * Marks every running or draining worker whose last heartbeat is before {@code heartbeatBefore}
   * as lost (stopped at {@code at}), so the console shows it and the tasks it had started. The
   * tasks themselves keep their state: the broker redelivers them to a live worker.
   *
   * @return the ids of the tasks that were {@link dev.celeriac.api.TaskState#STARTED} on the
   *     workers marked lost by this call
   */
  List<TaskId> markLostWorkers(Instant heartbeatBefore, Instant at);
}
