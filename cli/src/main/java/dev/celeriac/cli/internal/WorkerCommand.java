package dev.celeriac.cli.internal;

import dev.celeriac.api.DurationFormat;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.cli.Main;
import dev.celeriac.store.postgres.PostgresTaskStore;
import dev.celeriac.worker.TaskRegistry;
import dev.celeriac.worker.Worker;
import dev.celeriac.worker.WorkerConfig;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code celeriac worker}: runs one worker until SIGINT or SIGTERM, which drain it. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = "Run a worker: consume the task classes' queues and run their tasks.")
public final class WorkerCommand implements Callable<Integer> {
  @Mixin RoleOptions role = new RoleOptions();

  @Option(
      names = "--queues",
      defaultValue = "",
      paramLabel = "Q[,Q]",
      description = "Queues the worker consumes; empty means the registered tasks' queues.")
  String queues = "";

  @Option(
      names = "--concurrency",
      defaultValue = "1000",
      paramLabel = "N",
      description = "Tasks in flight per queue.")
  int concurrency = WorkerConfig.DEFAULT_CONCURRENCY;

  @Option(
      names = "--grace",
      defaultValue = "30s",
      paramLabel = "DURATION",
      description = "How long a stop lets running tasks finish.")
  String grace = "30s";

  @Option(
      names = "--worker-id",
      defaultValue = "",
      paramLabel = "ID",
      description = "The worker's id; empty means host-pid.")
  String workerId = "";

  /** Creates the command; picocli calls it. */
  public WorkerCommand() {}

  @Override
  public Integer call() throws InterruptedException {
    TaskRegistry.Builder registry = TaskRegistry.builder();
    var classes = role.taskClasses();
    if (classes.isEmpty()) {
      throw new CliFailure(Main.EXIT_USAGE, "--tasks must name at least one task class");
    }
    classes.forEach(registry::register);
    TaskRegistry registered = registry.build();
    return role.run(
        " (draining running tasks)",
        (resources, store, broker) -> {
          Worker worker = resources.add(worker(registered, broker, store));
          worker.start();
          return worker.config().workerId()
              + " consuming "
              + worker.config().queues()
              + " on "
              + Failures.redact(role.connection.broker());
        });
  }

  private Worker worker(TaskRegistry registry, Broker broker, PostgresTaskStore store) {
    Set<String> consumed = new TreeSet<>();
    Arrays.stream(queues.split(","))
        .map(String::strip)
        .filter(q -> !q.isEmpty())
        .forEach(consumed::add);
    WorkerConfig.Builder config =
        WorkerConfig.builder(consumed.isEmpty() ? registry.queues() : consumed)
            .concurrency(concurrency)
            .shutdownGrace(DurationFormat.parse(grace));
    if (!workerId.isBlank()) {
      config.workerId(workerId);
    }
    return Worker.builder()
        .config(config.build())
        .registry(registry)
        .broker(broker)
        .store(store)
        .build();
  }
}
