package dev.celeriac.coordinator;

import dev.celeriac.api.MisfirePolicy;
import dev.celeriac.api.Scheduled;
import dev.celeriac.api.Task;

/** Tasks the coordinator tests schedule. */
public class ReportTasks {
  /** A task without a declared schedule. */
  @Task(name = "reports.build", queue = "reports", priority = 4, timeout = "30s")
  public void build(String kind) {}

  /** A task with a schedule declared in code. */
  @Task(name = "reports.nightly")
  @Scheduled(
      cron = "0 30 2 * * *",
      zone = "Europe/Berlin",
      misfire = MisfirePolicy.SKIP,
      args = "[\"full\"]")
  public void nightly(String kind) {}
}
