package dev.celeriac.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.celeriac.api.DurationFormat;
import dev.celeriac.api.ResultTimeoutException;
import dev.celeriac.api.SubmitOptions;
import dev.celeriac.api.TaskClient;
import dev.celeriac.api.TaskDefinition;
import dev.celeriac.api.TaskFailedException;
import dev.celeriac.api.TaskHandle;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.cli.Main;
import dev.celeriac.store.postgres.PostgresTaskStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code celeriac submit NAME [ARGS]}: submits a task by name, optionally waits for its result. */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description =
        "Submit a task by name with JSON arguments; print its id, or its result with --wait.")
public final class SubmitCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Parameters(index = "0", paramLabel = "NAME", description = "The task name, such as emails.send.")
  String name = "";

  @Parameters(
      index = "1",
      defaultValue = "[]",
      paramLabel = "ARGS",
      description = "The arguments as a JSON array, such as '[\"ada@example.com\", \"Hi\"]'.")
  String args = "[]";

  @Option(names = "--wait", description = "Wait for the result and print it.")
  boolean await;

  @Option(
      names = "--timeout",
      defaultValue = "60s",
      paramLabel = "DURATION",
      description = "How long submit --wait waits for the result.")
  String timeout = "60s";

  @Option(
      names = "--queue",
      defaultValue = "",
      paramLabel = "QUEUE",
      description =
          "The queue to submit to; empty means the task's own (from --tasks or the samples).")
  String queue = "";

  @Mixin TasksOption tasks = new TasksOption();

  @Spec CommandSpec spec;

  /** Creates the command; picocli calls it. */
  public SubmitCommand() {}

  @Override
  public Integer call() {
    List<JsonNode> arguments = arguments();
    Duration wait = DurationFormat.parse(timeout);
    String target = queue.isBlank() ? queueOf(name) : queue;
    PrintWriter out = spec.commandLine().getOut();
    try (Resources resources = new Resources()) {
      PostgresTaskStore store = resources.add(connection.database().open(true));
      Broker broker = resources.add(Brokers.open(connection.broker()));
      TaskClient client = resources.add(TaskClient.builder().broker(broker).store(store).build());
      TaskHandle<JsonNode> handle =
          client.submitByName(name, arguments, SubmitOptions.builder().queue(target).build());
      if (!await) {
        out.println(handle.id());
        return 0;
      }
      try {
        JsonNode result = handle.get(wait);
        out.printf("%s SUCCEEDED %s%n", handle.id(), result);
        return 0;
      } catch (TaskFailedException e) {
        out.printf(
            "%s %s %s%n", handle.id(), e.state(), e.failure() == null ? "" : e.failure().summary());
        return Main.EXIT_FAILED;
      } catch (ResultTimeoutException e) {
        throw new CliFailure(
            Main.EXIT_FAILED,
            "no result for task "
                + handle.id()
                + " within "
                + timeout
                + "; it may still run: celeriac status "
                + handle.id());
      }
    }
  }

  private List<JsonNode> arguments() {
    JsonNode parsed;
    try {
      parsed = JSON.readTree(args);
    } catch (Exception e) {
      throw new CliFailure(Main.EXIT_USAGE, "ARGS must be a JSON array, was '" + args + "'", e);
    }
    if (parsed == null || !parsed.isArray()) {
      throw new CliFailure(Main.EXIT_USAGE, "ARGS must be a JSON array, was '" + args + "'");
    }
    List<JsonNode> list = new ArrayList<>();
    parsed.forEach(list::add);
    return list;
  }

  private String queueOf(String task) {
    return SampleTasks.catalogWith(tasks.classes())
        .find(task)
        .map(TaskDefinition::queue)
        .orElseThrow(
            () ->
                new CliFailure(
                    Main.EXIT_USAGE,
                    "unknown task '"
                        + task
                        + "': name its class with --tasks, or its queue with --queue"));
  }
}
