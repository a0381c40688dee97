package dev.celeriac.samples;

import dev.celeriac.api.Scheduled;
import dev.celeriac.api.Task;
import dev.celeriac.api.TaskContext;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Tasks the coordinator fires on a cron schedule: a nightly report at 02:00 UTC and a heartbeat
 * every 30 seconds. {@code celeriac dev} registers them, so a fresh dev system shows schedules that
 * fire while you watch.
 */
public class ScheduledTasks {
  private final InstantSource clock;

  /** Tasks on the system clock. */
  public ScheduledTasks() {
    this(InstantSource.system());
  }

  /** Tasks on {@code clock}, which decides what "yesterday" is. */
  public ScheduledTasks(InstantSource clock) {
    this.clock = clock;
  }

  /** The nightly report: summarises yesterday (UTC) and returns the report's title. */
  @Task(name = "reports.nightly", queue = "reports", timeout = "5m")
  @Scheduled(cron = "0 0 2 * * *", zone = "UTC")
  public String nightlyReport() {
    LocalDate yesterday = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
    return "nightly report for " + yesterday;
  }

  /** A liveness beat every 30 seconds; returns the attempt that ran it. */
  @Task(name = "system.heartbeat", queue = "reports", timeout = "10s")
  @Scheduled(cron = "*/30 * * * * *", zone = "UTC")
  public String heartbeat(TaskContext context) {
    return "alive (task " + context.taskId() + ")";
  }
}
