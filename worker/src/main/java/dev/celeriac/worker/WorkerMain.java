package dev.celeriac.worker;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.BrokerFactory;
import dev.celeriac.api.spi.StoreFactory;
import dev.celeriac.api.spi.TaskStore;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one worker as its own process: reads {@link WorkerOptions} from the command line and the
 * environment, registers the task classes, opens the store and the broker, starts the {@link
 * Worker}, and drains it on SIGTERM ({@link WorkerShutdownHook}).
 *
 * <p>Brokers and stores come from factories, since their modules are optional: {@link
 * #main(String[])} finds them with {@link java.util.ServiceLoader} ({@link
 * BrokerFactory#fromServiceLoader()}, {@link StoreFactory#fromServiceLoader()}); the {@code
 * celeriac} CLI, or any launcher, calls {@link #run(String[], BrokerFactory, StoreFactory)} with
 * its own.
 *
 * <p>Every failure to start is one log line without a stack trace (bad options, a task class that
 * cannot be registered, a service that cannot be reached), and an exit code: {@value #EXIT_OK}
 * after a clean stop, {@value #EXIT_USAGE} for bad options or tasks, {@value #EXIT_UNAVAILABLE}
 * when the broker or store cannot be reached.
 */
public final class WorkerMain {
  /** The exit code after the worker stopped. */
  public static final int EXIT_OK = 0;

  /** The exit code for bad options or task classes (BSD {@code EX_USAGE}). */
  public static final int EXIT_USAGE = 64;

  /** The exit code when the broker or the store cannot be reached (BSD {@code EX_UNAVAILABLE}). */
  public static final int EXIT_UNAVAILABLE = 69;

  private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

  private final BrokerFactory brokers;
  private final StoreFactory stores;
  private final Map<String, String> env;
  private final Consumer<Thread> shutdownHooks;

  WorkerMain(
      BrokerFactory brokers,
      StoreFactory stores,
      Map<String, String> env,
      Consumer<Thread> shutdownHooks) {
    this.brokers = requireNonNull(brokers, "brokers");
    this.stores = requireNonNull(stores, "stores");
    this.env = Map.copyOf(env);
    this.shutdownHooks = shutdownHooks;
  }

  /**
   * Runs a worker with the broker and store modules found on the class path; exits with its code.
   */
  public static void main(String[] args) {
    System.exit(run(args, BrokerFactory.fromServiceLoader(), StoreFactory.fromServiceLoader()));
  }

  /**
   * Runs a worker until the JVM is asked to stop, reading the environment for options not given as
   * flags. Blocks the calling thread.
   *
   * @return the exit code: {@value #EXIT_OK}, {@value #EXIT_USAGE} or {@value #EXIT_UNAVAILABLE}
   */
  public static int run(String[] args, BrokerFactory brokers, StoreFactory stores) {
    Runtime runtime = Runtime.getRuntime();
    return new WorkerMain(brokers, stores, System.getenv(), runtime::addShutdownHook).launch(args);
  }

  int launch(String[] args) {
    WorkerOptions options;
    TaskRegistry registry;
    try {
      options = WorkerOptions.parse(args, env);
      registry = registryOf(options);
    } catch (IllegalArgumentException | TaskRegistrationException e) {
      log.error("celeriac worker: {}", LaunchMessages.oneLine(e));
      return EXIT_USAGE;
    }
    try (TaskStore store = open("task store", options.db(), () -> stores.open(options.db()));
        Broker broker = open("broker", options.broker(), () -> brokers.connect(options.broker()))) {
      Worker worker = worker(options, registry, broker, store);
      startOrExplain(worker, options);
      shutdownHooks.accept(WorkerShutdownHook.hookFor(worker, options.grace()));
      awaitStop(worker);
      return EXIT_OK;
    } catch (ServiceUnavailableException e) {
      log.error("celeriac worker: {}", e.getMessage());
      return EXIT_UNAVAILABLE;
    }
  }

  private static TaskRegistry registryOf(WorkerOptions options) {
    TaskRegistry.Builder builder = TaskRegistry.builder();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    for (String name : options.tasks()) {
      try {
        builder.register(Class.forName(name, true, loader));
      } catch (ClassNotFoundException e) {
        throw new IllegalArgumentException("--tasks: no class " + name + " on the class path", e);
      }
    }
    return builder.build();
  }

  private static Worker worker(
      WorkerOptions options, TaskRegistry registry, Broker broker, TaskStore store) {
    Set<String> queues = options.queues().isEmpty() ? registry.queues() : options.queues();
    WorkerConfig.Builder config =
        WorkerConfig.builder(queues)
            .concurrency(options.concurrency())
            .shutdownGrace(options.grace())
            .consumerGroup(options.group());
    if (options.workerId() != null) {
      config.workerId(options.workerId());
    }
    return Worker.builder()
        .config(config.build())
        .registry(registry)
        .broker(broker)
        .store(store)
        .build();
  }

  private static void startOrExplain(Worker worker, WorkerOptions options) {
    try {
      worker.start();
    } catch (RuntimeException e) {
      throw new ServiceUnavailableException(
          "cannot consume from the broker at "
              + LaunchMessages.redact(options.broker())
              + ": "
              + LaunchMessages.oneLine(e));
    }
  }

  private static <T> T open(String what, String url, Supplier<T> opener) {
    try {
      return opener.get();
    } catch (RuntimeException e) {
      throw new ServiceUnavailableException(
          "cannot reach the "
              + what
              + " at "
              + LaunchMessages.redact(url)
              + ": "
              + LaunchMessages.oneLine(e));
    }
  }

  private static void awaitStop(Worker worker) {
    try {
      while (!worker.awaitTermination(Duration.ofMinutes(1))) {
        log.debug("Worker still running: {}", worker.stats());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      worker.close();
    }
  }

  /** A broker or store that cannot be reached, with the one line that says so. */
  private static final class ServiceUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ServiceUnavailableException(String message) {
      super(message, null, false, false);
    }
  }
}
