package dev.celeriac.cli.internal;

import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.Schedule;
import dev.celeriac.api.spi.TaskQuery;
import dev.celeriac.api.spi.TaskRecord;
import dev.celeriac.api.spi.WorkerHeartbeat;
import dev.celeriac.store.postgres.PostgresScheduleStore;
import dev.celeriac.store.postgres.PostgresTaskStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code celeriac inspect}: the workers' latest heartbeats, the queues with their depths, and the
 * tasks running now.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Show the workers (from their heartbeats), the queues with their depths and the tasks in"
          + " flight.",
      "The queues are those the workers consume, the schedules use, 'default' and any named here."
    })
public final class InspectCommand implements Callable<Integer> {
  private static final int SHOWN = 50;

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Parameters(
      arity = "0..*",
      paramLabel = "QUEUE",
      description = "More queues to show, such as ones no worker consumes yet.")
  List<String> extraQueues = List.of();

  @Spec CommandSpec spec;

  /** Creates the command; picocli calls it. */
  public InspectCommand() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Resources resources = new Resources()) {
      PostgresTaskStore store = resources.add(connection.database().open(true));
      List<WorkerHeartbeat> workers = store.workers();
      printWorkers(out, workers);
      SortedSet<String> queues = queues(store, workers);
      @Nullable Broker broker = null;
      @Nullable String brokerProblem = null;
      try {
        broker = resources.add(Brokers.open(connection.broker()));
      } catch (RuntimeException e) {
        // Workers and tasks in flight are still worth showing when the broker is down.
        brokerProblem = Failures.classify(e).getMessage();
      }
      QueueReport.print(out, queues, workers, broker, brokerProblem);
      printRunning(out, store);
    }
    return 0;
  }

  private static void printWorkers(PrintWriter out, List<WorkerHeartbeat> workers) {
    Instant now = Instant.now();
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
  }

  private SortedSet<String> queues(PostgresTaskStore store, List<WorkerHeartbeat> workers) {
    SortedSet<String> queues = new TreeSet<>();
    queues.add("default");
    workers.forEach(w -> queues.addAll(w.queues()));
    PostgresScheduleStore.on(store.dataSource()).list().stream()
        .map(Schedule::queue)
        .filter(Objects::nonNull)
        .forEach(queues::add);
    extraQueues.stream().map(String::strip).filter(q -> !q.isEmpty()).forEach(queues::add);
    return queues;
  }

  private static void printRunning(PrintWriter out, PostgresTaskStore store) {
    List<TaskRecord> running =
        store
            .query(
                new TaskQuery(Set.of(TaskState.STARTED), null, null, null, null, null, SHOWN, null))
            .tasks();
    out.printf("in flight (%d%s)%n", running.size(), running.size() == SHOWN ? "+" : "");
    for (TaskRecord task : running) {
      out.printf(
          "  %s %s on %s, attempt %d, since %s%n",
          task.id(), task.name(), task.workerId(), task.attempts(), task.startedAt());
    }
  }
}
