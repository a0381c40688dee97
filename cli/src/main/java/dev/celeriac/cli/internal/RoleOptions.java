package dev.celeriac.cli.internal;

import dev.celeriac.api.spi.Broker;
import dev.celeriac.store.postgres.PostgresTaskStore;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the long-running roles ({@code worker}, {@code coordinator}, {@code console}) share: the
 * broker and database options, {@code --tasks}, and one life: open the store and the broker, start
 * the role, print its ready line, run until SIGINT or SIGTERM, then close everything in reverse
 * order and exit 0.
 */
public final class RoleOptions {
  @Mixin ConnectionOptions connection = new ConnectionOptions();
  @Mixin TasksOption tasks = new TasksOption();

  @Spec(Spec.Target.MIXEE)
  CommandSpec role;

  /** Creates the options; picocli fills them. */
  public RoleOptions() {}

  /** Starts a role once its store and broker are open. */
  @FunctionalInterface
  public interface Starter {
    /**
     * Builds and starts the role, registering what must be closed with {@code resources}; returns
     * what the ready line says after "celeriac ROLE is ready: ".
     */
    String start(Resources resources, PostgresTaskStore store, Broker broker);
  }

  /** The task classes {@code --tasks} names. */
  public List<Class<?>> taskClasses() {
    return tasks.classes();
  }

  /**
   * Runs the role until SIGINT or SIGTERM; {@code stoppingNote} follows "celeriac ROLE: stopping"
   * (such as what a stop waits for), or is empty.
   *
   * @return the exit code, 0
   * @throws CliFailure if the store or the broker cannot be opened, or the role cannot start
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public int run(String stoppingNote, Starter starter) throws InterruptedException {
    String name = role.name();
    PrintWriter out = role.commandLine().getOut();
    StopSignal stop = StopSignal.install();
    try (Resources resources = new Resources()) {
      PostgresTaskStore store = resources.add(connection.database().open(true));
      Broker broker = resources.add(Brokers.open(connection.broker()));
      String ready = starter.start(resources, store, broker);
      out.printf("celeriac %s is ready: %s%n", name, ready);
      Logging.running(((CeleriacCommand) role.root().userObject()).verbose);
      stop.await();
      out.println("celeriac " + name + ": stopping" + stoppingNote);
    }
    return 0;
  }
}
