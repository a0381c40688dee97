package dev.celeriac.cli.internal;

import dev.celeriac.api.spi.Broker;
import dev.celeriac.cli.Main;
import dev.celeriac.console.WebConsole;
import dev.celeriac.coordinator.Coordinator;
import dev.celeriac.coordinator.CoordinatorSettings;
import dev.celeriac.embedded.EmbeddedKafka;
import dev.celeriac.embedded.EmbeddedPostgres;
import dev.celeriac.embedded.EmbeddedZooKeeper;
import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.store.postgres.PostgresMaintenanceStore;
import dev.celeriac.store.postgres.PostgresScheduleStore;
import dev.celeriac.store.postgres.PostgresTaskStore;
import dev.celeriac.worker.Worker;
import dev.celeriac.worker.WorkerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code celeriac dev}: the whole system in one JVM for development. Embedded ZooKeeper, Kafka and
 * PostgreSQL keep their data under {@code --data-dir}; a worker runs the sample tasks and a
 * coordinator (the only one, so the leader) fires the sample schedules; the web console on
 * 127.0.0.1 accepts a fresh admin token printed at start. It prints the addresses and writes them
 * to {@code DATA_DIR/dev.properties}, which other commands read with {@code --config}. SIGINT or
 * SIGTERM stops everything in order and exits 0.
 */
@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description =
        "Run everything in one JVM for development: embedded ZooKeeper, Kafka and PostgreSQL,"
            + " a worker with the sample tasks, a coordinator with the sample schedules and the"
            + " web console.")
public final class DevCommand implements Callable<Integer> {
  /** The line printed when everything runs; tests and scripts wait for it. */
  public static final String READY = "celeriac dev is ready";

  @Option(
      names = "--data-dir",
      defaultValue = ".celeriac-dev",
      paramLabel = "DIR",
      description = "Where dev keeps its data between runs (relative to the working directory).")
  Path dataDir = Path.of(".celeriac-dev");

  @Option(names = "--fresh", description = "Wipe the data directory before starting.")
  boolean fresh;

  @Option(
      names = "--kafka-port",
      defaultValue = "0",
      paramLabel = "PORT",
      description = "The embedded Kafka's client port; 0 means the last run's, or a free one.")
  int kafkaPort;

  @Option(
      names = "--zk-port",
      defaultValue = "0",
      paramLabel = "PORT",
      description = "The embedded ZooKeeper's port; 0 means the last run's, or a free one.")
  int zkPort;

  @Option(
      names = "--console-port",
      defaultValue = "0",
      paramLabel = "PORT",
      description = "The console's HTTP port; in dev, 0 means the last run's or a free one.")
  int consolePort;

  @ParentCommand CeleriacCommand root;
  @Spec CommandSpec spec;

  /** Creates the command; picocli calls it. */
  public DevCommand() {}

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    DevDirectory directory = DevDirectory.prepare(dataDir, fresh);
    DevPorts ports = directory.ports(kafkaPort, zkPort, consolePort);
    ports.checkFree();
    StopSignal stop = StopSignal.install();
    out.printf("celeriac dev: starting in %s …%n", directory.root());
    out.flush();
    try (Resources resources = new Resources()) {
      var zooKeeper =
          resources.add(
              EmbeddedZooKeeper.builder()
                  .dataDirectory(directory.sub("zookeeper"))
                  .port(ports.zooKeeper())
                  .build());
      String zk = zooKeeper.start().connectString();
      var postgres = resources.add(new EmbeddedPostgres(directory.sub("postgres")));
      PostgresEndpoint db = postgres.start();
      var kafka =
          resources.add(
              EmbeddedKafka.builder()
                  .dataDirectory(directory.sub("kafka"))
                  .brokerPort(ports.kafka())
                  .controllerPort(ports.kafkaController())
                  .build());
      String broker = "kafka://" + kafka.start().bootstrapServers();
      Database database = new Database(db.jdbcUrl(), db.user(), db.password());
      database.check(false);
      PostgresTaskStore store =
          resources.add(
              PostgresTaskStore.builder()
                  .jdbcUrl(db.jdbcUrl())
                  .user(db.user())
                  .password(db.password())
                  .build());
      store.migrate();
      store.start();
      Broker brokerClient = resources.add(Brokers.open(broker));
      startWorker(resources, brokerClient, store);
      startCoordinator(resources, zk, brokerClient, store);
      String token = Consoles.newAdminToken();
      WebConsole console =
          resources.add(
              Consoles.on(store, brokerClient, SampleTasks.catalogWith(List.of()))
                  .tokens(Consoles.adminOnly(token))
                  .host("127.0.0.1")
                  .port(ports.console())
                  .build());
      console.start();
      Path config = directory.writeConfig(broker, database, zk);
      Logging.running(root.verbose);
      printReady(out, new Addresses(broker, database, zk, console.url(), token), config);
      stop.await();
      out.println("celeriac dev: stopping …");
      out.flush();
    }
    out.println("celeriac dev: stopped");
    return Main.EXIT_OK;
  }

  private static void startWorker(Resources resources, Broker broker, PostgresTaskStore store) {
    var registry = SampleTasks.registry();
    Worker worker =
        resources.add(
            Worker.builder()
                .config(
                    WorkerConfig.builder(registry.queues())
                        .concurrency(50)
                        .shutdownGrace(Duration.ofSeconds(5))
                        .build())
                .registry(registry)
                .broker(broker)
                .store(store)
                .build());
    worker.start();
  }

  private static void startCoordinator(
      Resources resources, String zk, Broker broker, PostgresTaskStore store) {
    Coordinator coordinator =
        resources.add(
            Coordinator.builder()
                .zooKeeper(zk)
                .taskStore(store)
                .scheduleStore(PostgresScheduleStore.on(store.dataSource()))
                .maintenanceStore(PostgresMaintenanceStore.on(store.dataSource()))
                .broker(broker)
                .tasks(SampleTasks.catalogWith(List.of()))
                .settings(
                    CoordinatorSettings.builder().sessionTimeout(Duration.ofSeconds(5)).build())
                .build());
    coordinator.start();
  }

  private record Addresses(
      String broker, Database database, String zk, String consoleUrl, String adminToken) {}

  private static void printReady(PrintWriter out, Addresses at, Path config) {
    out.println(READY + ".");
    out.printf("  console    %s/  admin token %s%n", at.consoleUrl(), at.adminToken());
    out.printf("  broker     %s%n", at.broker());
    out.printf("  database   %s (user %s)%n", at.database().jdbcUrl(), at.database().user());
    out.printf("  zookeeper  %s%n", at.zk());
    out.printf("  config     %s (for the other commands: --config %s)%n", config, config);
    out.printf(
        "  try        bin/celeriac --config %s submit reports.summarise"
            + " '[{\"title\":\"demo\",\"values\":[1,2,3]}]' --wait%n",
        config);
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }
}
