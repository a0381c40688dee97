package dev.celeriac.cli.internal;

import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.TaskQuery;
import dev.celeriac.api.spi.TaskRecord;
import dev.celeriac.api.spi.WorkerHeartbeat;
import dev.celeriac.store.postgres.PostgresTaskStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code celeriac inspect}: the workers' latest heartbeats and the tasks running now. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "Show the workers (from their heartbeats) and the tasks in flight.")
public final class InspectCommand implements Callable<Integer> {
  private static final int SHOWN = 50;

  @Mixin ConnectionOptions connection = new ConnectionOptions();
  @Spec CommandSpec spec;

  /** Creates the command; picocli calls it. */
  public InspectCommand() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (PostgresTaskStore store = connection.database().open(true)) {
      Instant now = Instant.now();
      List<WorkerHeartbeat> workers = store.workers();
      out.printf("workers (%d)%n", workers.size());
      for (WorkerHeartbeat w : workers) {
        out.printf(
            "  %s  queues %s  in flight %d/%d  processed %d  failed %d  last beat %ds ago%n",
            w.workerId(),
            w.queues(),
            w.inFlight(),
            w.concurrency(),
            w.processed(),
            w.failed(),
            Duration.between(w.lastBeat(), now).toSeconds());
      }
      List<TaskRecord> running =
          store
              .query(
                  new TaskQuery(
                      Set.of(TaskState.STARTED), null, null, null, null, null, SHOWN, null))
              .tasks();
      out.printf("in flight (%d%s)%n", running.size(), running.size() == SHOWN ? "+" : "");
      for (TaskRecord task : running) {
        out.printf(
            "  %s %s on %s, attempt %d, since %s%n",
            task.id(), task.name(), task.workerId(), task.attempts(), task.startedAt());
      }
    }
    return 0;
  }
}
