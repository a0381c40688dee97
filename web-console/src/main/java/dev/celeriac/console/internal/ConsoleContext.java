package dev.celeriac.console.internal;

import dev.celeriac.api.TaskClient;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.DeadLetterStore;
import dev.celeriac.api.spi.TaskStatistics;
import dev.celeriac.api.spi.TaskStore;
import dev.celeriac.coordinator.ScheduleManager;
import java.time.Duration;
import java.time.InstantSource;
import org.jspecify.annotations.Nullable;

/**
 * What the routes work with.
 *
 * @param store the task store
 * @param broker the broker tasks are submitted to
 * @param client submits new tasks (submit, retry, re-drive)
 * @param schedules the schedule API, or null if this console manages no schedules
 * @param clock the time source
 * @param staleAfter how old a worker's last heartbeat may be before it is shown as stale
 */
public record ConsoleContext(
    TaskStore store,
    Broker broker,
    TaskClient client,
    @Nullable ScheduleManager schedules,
    InstantSource clock,
    Duration staleAfter) {

  /** The store's dead letters by id, or a 501 if the store cannot address them. */
  public DeadLetterStore deadLetters() {
    if (store instanceof DeadLetterStore letters) {
      return letters;
    }
    throw ApiException.notConfigured(
        "the task store "
            + store.getClass().getSimpleName()
            + " does not support dead letter actions");
  }

  /** The store's statistics, or a 501 if it computes none. */
  public TaskStatistics statistics() {
    if (store instanceof TaskStatistics statistics) {
      return statistics;
    }
    throw ApiException.notConfigured(
        "the task store " + store.getClass().getSimpleName() + " computes no statistics");
  }

  /** The schedule API, or a 501 if this console was started without one. */
  public ScheduleManager scheduleManager() {
    if (schedules == null) {
      throw ApiException.notConfigured("this console was started without a schedule store");
    }
    return schedules;
  }
}
