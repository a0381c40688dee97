package dev.celeriac.bench;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The command line of {@code bench/run}:
 *
 * <pre>
 * --quick                 the quick mode (about 5 minutes); default: the full mode (about 15)
 * --broker B              kafka, rabbitmq or both (default both)
 * --scenario NAME         repeatable; default all: throughput raw latency sleepers footprint delayed celery
 * --runs K                runs of each repeated scenario (default 3 quick, 5 full)
 * --n N                   tasks per throughput run (default 3,000 quick, 10,000 full)
 * --out DIR               where report.md and report.json go (default bench/results/&lt;timestamp&gt;)
 * --kafka-bootstrap H:P   use this Kafka instead of starting an embedded one
 * --rabbitmq URI          default amqp://guest:guest@127.0.0.1:5672/%2f
 * --postgres JDBC-URL     a database to create the run's own database from
 *                         (default jdbc:postgresql://127.0.0.1:5432/postgres)
 * --postgres-user U       default postgres
 * --postgres-password P   default empty
 * --celery-dir DIR        where ensure-celery.sh and celery_bench.py are (default bench/celery)
 * </pre>
 *
 * @param quick whether this is the quick mode
 * @param brokers the brokers to run on, in order
 * @param scenarios the scenarios to run
 * @param sizes the sizes of this mode with the overrides applied
 * @param out the output directory
 * @param kafkaBootstrap an existing Kafka, or null to start an embedded one
 * @param rabbitMq the RabbitMQ URI
 * @param postgresUrl the JDBC URL of a database to connect to for creating the run's database
 * @param postgresUser the PostgreSQL user
 * @param postgresPassword the PostgreSQL password
 * @param celeryDir where the Celery side lives
 */
record BenchOptions(
    boolean quick,
    List<BrokerKind> brokers,
    Set<Scenario> scenarios,
    Sizes sizes,
    Path out,
    @Nullable String kafkaBootstrap,
    String rabbitMq,
    String postgresUrl,
    String postgresUser,
    String postgresPassword,
    Path celeryDir) {

  /** The brokers a run measures. */
  enum BrokerKind {
    KAFKA,
    RABBITMQ;

    String label() {
      return this == KAFKA ? "Kafka" : "RabbitMQ";
    }
  }

  /**
   * Reads {@code args}.
   *
   * @throws IllegalArgumentException with a message naming the bad flag
   */
  static BenchOptions parse(String[] args) {
    boolean quick = false;
    String broker = "both";
    Set<Scenario> scenarios = EnumSet.noneOf(Scenario.class);
    int runs = 0;
    int tasks = 0;
    Path out = null;
    String kafka = null;
    String rabbit = "amqp://guest:guest@127.0.0.1:5672/%2f";
    String pgUrl = "jdbc:postgresql://127.0.0.1:5432/postgres";
    String pgUser = "postgres";
    String pgPassword = "";
    Path celery = Path.of("bench", "celery");
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--quick")) {
        quick = true;
        continue;
      }
      if (!flag.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + flag + "'");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--broker" -> broker = value;
        case "--scenario" -> scenarios.add(Scenario.parse(value));
        case "--runs" -> runs = positive(flag, value);
        case "--n" -> tasks = positive(flag, value);
        case "--out" -> out = Path.of(value);
        case "--kafka-bootstrap" -> kafka = value;
        case "--rabbitmq" -> rabbit = value;
        case "--postgres" -> pgUrl = value;
        case "--postgres-user" -> pgUser = value;
        case "--postgres-password" -> pgPassword = value;
        case "--celery-dir" -> celery = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    if (scenarios.isEmpty()) {
      scenarios = EnumSet.allOf(Scenario.class);
    }
    if (out == null) {
      out =
          Path.of(
              "bench",
              "results",
              LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
    if (!pgUrl.startsWith("jdbc:postgresql://")) {
      throw new IllegalArgumentException(
          "--postgres takes a JDBC URL such as jdbc:postgresql://127.0.0.1:5432/postgres, was "
              + pgUrl);
    }
    Sizes sizes = (quick ? Sizes.QUICK : Sizes.FULL).with(tasks, runs);
    return new BenchOptions(
        quick,
        brokers(broker),
        scenarios,
        sizes,
        out,
        kafka,
        rabbit,
        pgUrl,
        pgUser,
        pgPassword,
        celery);
  }

  private static List<BrokerKind> brokers(String value) {
    List<BrokerKind> brokers = new ArrayList<>();
    switch (value) {
      case "kafka" -> brokers.add(BrokerKind.KAFKA);
      case "rabbitmq" -> brokers.add(BrokerKind.RABBITMQ);
      case "both" -> brokers.addAll(List.of(BrokerKind.KAFKA, BrokerKind.RABBITMQ));
      default ->
          throw new IllegalArgumentException(
              "--broker takes kafka, rabbitmq or both, was '" + value + "'");
    }
    return List.copyOf(brokers);
  }

  private static int positive(String flag, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n < 1) {
        throw new IllegalArgumentException(flag + " must be at least 1, was " + value);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " takes a whole number, was '" + value + "'", e);
    }
  }

  /** The mode's name in the report. */
  String mode() {
    return quick ? "quick" : "full";
  }
}
