package dev.celeriac.coordinator;

import dev.celeriac.api.DurationFormat;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.BrokerFactory;
import dev.celeriac.coordinator.internal.CommandLine;
import dev.celeriac.store.postgres.PostgresMaintenanceStore;
import dev.celeriac.store.postgres.PostgresScheduleStore;
import dev.celeriac.store.postgres.PostgresTaskStore;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a coordinator as its own process, on PostgreSQL stores and a broker from a {@link
 * BrokerFactory} (the broker module on the class path that understands {@code --broker-url}, or the
 * class {@code --broker-factory} names), until the process is stopped (SIGTERM closes it cleanly).
 *
 * <pre>
 * java -cp … dev.celeriac.coordinator.CoordinatorMain --zk zk1:2181 \
 *     --db-url jdbc:postgresql://db/celeriac --db-user celeriac --db-password secret \
 *     --broker-url amqp://guest:guest@mq:5672 \
 *     --tasks com.example.Emails,com.example.Reports
 * </pre>
 *
 * <p>Options (each also read from the environment variable {@code CELERIAC_<NAME>}, e.g. {@code
 * CELERIAC_DB_URL}; flags win): {@code --zk} (required), {@code --db-url} (required), {@code
 * --db-user} ({@code postgres}), {@code --db-password} (empty), {@code --broker-url} (required,
 * such as {@code kafka://host:9092} or {@code amqp://user:password@host:5672}), {@code
 * --broker-factory} (a {@link BrokerFactory} class to use instead of the broker modules on the
 * class path), {@code --tasks} (task classes, comma-separated, scanned for {@code @Task} and
 * {@code @Scheduled}; none by default), {@code --id} (host-pid-random), {@code --session-timeout}
 * ({@code 10s}), {@code --election-path} ({@code /celeriac/coordinator}), {@code --schedule-poll}
 * ({@code 250ms}). The schema is migrated at start.
 */
public final class CoordinatorMain {
  private static final Logger log = LoggerFactory.getLogger(CoordinatorMain.class);

  /** The option names, without their dashes. */
  public static final List<String> OPTIONS =
      List.of(
          "zk",
          "db-url",
          "db-user",
          "db-password",
          "broker-factory",
          "broker-url",
          "tasks",
          "id",
          "session-timeout",
          "election-path",
          "schedule-poll");

  private CoordinatorMain() {}

  /** Starts the coordinator and blocks until the JVM shuts down; exits 2 on bad options. */
  public static void main(String[] args) {
    CommandLine options;
    try {
      options = CommandLine.parse(Arrays.asList(args), OPTIONS, System.getenv());
    } catch (IllegalArgumentException e) {
      log.error("{}", e.getMessage());
      System.exit(2);
      return;
    }
    List<AutoCloseable> resources = new ArrayList<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  closeAll(resources);
                  stopped.countDown();
                },
                "celeriac-coordinator-shutdown"));
    try {
      start(options, resources);
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("the coordinator could not start: {}", e.getMessage(), e);
      closeAll(resources);
      System.exit(1);
    }
  }

  // Adds each resource as it is opened, so a failed start closes what was opened (in reverse).
  private static synchronized Coordinator start(
      CommandLine options, List<AutoCloseable> resources) {
    PostgresTaskStore tasks =
        PostgresTaskStore.builder()
            .jdbcUrl(options.required("db-url"))
            .user(options.value("db-user").orElse("postgres"))
            .password(options.value("db-password").orElse(""))
            .build();
    resources.add(tasks);
    tasks.migrate();
    tasks.start();
    Broker broker =
        options
            .value("broker-factory")
            .map(CoordinatorMain::brokerFactory)
            .orElseGet(BrokerFactory::fromServiceLoader)
            .connect(options.required("broker-url"));
    resources.add(broker);
    var settings =
        CoordinatorSettings.builder()
            .sessionTimeout(DurationFormat.parse(options.value("session-timeout").orElse("10s")))
            .electionPath(options.value("election-path").orElse("/celeriac/coordinator"))
            .schedulePollInterval(
                DurationFormat.parse(options.value("schedule-poll").orElse("250ms")))
            .build();
    Coordinator.Builder builder =
        Coordinator.builder()
            .zooKeeper(options.required("zk"))
            .taskStore(tasks)
            .scheduleStore(PostgresScheduleStore.on(tasks.dataSource()))
            .maintenanceStore(PostgresMaintenanceStore.on(tasks.dataSource()))
            .broker(broker)
            .tasks(TaskCatalog.of(taskClasses(options.value("tasks").orElse(""))))
            .settings(settings);
    options.value("id").ifPresent(builder::id);
    Coordinator coordinator = builder.build();
    resources.add(coordinator);
    coordinator.start();
    return coordinator;
  }

  private static BrokerFactory brokerFactory(String className) {
    try {
      Object factory = Class.forName(className).getConstructor().newInstance();
      if (factory instanceof BrokerFactory brokers) {
        return brokers;
      }
      throw new IllegalArgumentException(
          "--broker-factory " + className + " does not implement " + BrokerFactory.class.getName());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("--broker-factory: no class " + className, e);
    } catch (ReflectiveOperationException e) {
      Throwable cause = e instanceof InvocationTargetException i ? i.getCause() : e;
      throw new IllegalArgumentException(
          "--broker-factory " + className + " cannot be constructed: " + cause, cause);
    }
  }

  private static Class<?>[] taskClasses(String names) {
    List<Class<?>> classes = new ArrayList<>();
    for (String name : names.split(",")) {
      if (!name.isBlank()) {
        try {
          classes.add(Class.forName(name.strip()));
        } catch (ClassNotFoundException e) {
          throw new IllegalArgumentException("--tasks: no class " + name.strip(), e);
        }
      }
    }
    return classes.toArray(Class<?>[]::new);
  }

  private static synchronized void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable resource : resources.reversed()) {
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("closing {} failed", resource, e);
      }
    }
    resources.clear();
  }
}
