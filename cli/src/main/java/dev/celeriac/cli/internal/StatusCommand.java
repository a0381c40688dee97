package dev.celeriac.cli.internal;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.AttemptRecord;
import dev.celeriac.api.spi.TaskRecord;
import dev.celeriac.cli.Main;
import dev.celeriac.store.postgres.PostgresTaskStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code celeriac status ID}: a task's state, result or failure, and its attempts. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show a task's state, result or failure, and each attempt.")
public final class StatusCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Parameters(index = "0", paramLabel = "ID", description = "The task id submit printed.")
  String id = "";

  @Spec CommandSpec spec;

  /** Creates the command; picocli calls it. */
  public StatusCommand() {}

  @Override
  public Integer call() {
    TaskId taskId;
    try {
      taskId = TaskId.parse(id);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(Main.EXIT_USAGE, "'" + id + "' is not a task id", e);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (PostgresTaskStore store = connection.database().open(true)) {
      TaskRecord task =
          store
              .find(taskId)
              .orElseThrow(
                  () ->
                      new CliFailure(
                          Main.EXIT_FAILED,
                          "no task "
                              + taskId
                              + " in the database at "
                              + Failures.redact(connection.database().jdbcUrl())));
      out.printf("%s %s %s on queue %s%n", task.id(), task.state(), task.name(), task.queue());
      out.printf("  args      %s%n", task.args());
      if (task.result() != null) {
        out.printf("  result    %s%n", task.result());
      }
      if (task.failure() != null) {
        out.printf("  failure   %s%n", task.failure().summary());
      }
      out.printf("  submitted %s%n", task.submittedAt());
      for (AttemptRecord attempt : store.attempts(taskId)) {
        out.printf(
            "  attempt %d on %s: %s%s%n",
            attempt.attempt(),
            attempt.workerId(),
            attempt.outcome(),
            attempt.failure() == null ? "" : " (" + attempt.failure().summary() + ")");
      }
    }
    return 0;
  }
}
