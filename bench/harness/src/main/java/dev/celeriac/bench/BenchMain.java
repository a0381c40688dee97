package dev.celeriac.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.celeriac.bench.BenchOptions.BrokerKind;
import dev.celeriac.embedded.EmbeddedZooKeeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of {@code bench/run}: reads {@link BenchOptions}, runs the selected scenarios on
 * each broker, compares with Celery, checks the targets of issue 8, and writes {@code report.md}
 * and {@code report.json} to the output directory.
 *
 * <p>A scenario that fails is a note in the report, never a lost run; bad options are one line
 * without a stack trace and exit code {@value #EXIT_USAGE}.
 */
public final class BenchMain {
  /** The exit code of a run that wrote its report. */
  public static final int EXIT_OK = 0;

  /** The exit code for bad options. */
  public static final int EXIT_USAGE = 64;

  /** The exit code when a service the run needs cannot be reached. */
  public static final int EXIT_UNAVAILABLE = 69;

  private static final Logger log = LoggerFactory.getLogger(BenchMain.class);
  private static final String RABBITMQ = BrokerKind.RABBITMQ.label();
  private static final double MIB = 1024.0 * 1024.0;

  private BenchMain() {}

  /** Runs the benchmark and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the benchmark; returns the exit code. Blocks until the report is written. */
  public static int run(String[] args) {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      return EXIT_USAGE;
    }
    try {
      Path out = Files.createDirectories(options.out());
      Report report =
          new Report(
              ZonedDateTime.now(ZoneOffset.UTC)
                  .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
              options.mode());
      MachineFacts.collect(report.machine);
      report.formulas.putAll(FORMULAS);
      // Ctrl-C or SIGTERM mid-run must not leave worker processes behind.
      Thread onExit = new Thread(WorkerProcess::killAll, "bench-stop-workers");
      Runtime.getRuntime().addShutdownHook(onExit);
      try (BenchDatabase database =
          BenchDatabase.create(
              options.postgresUrl(), options.postgresUser(), options.postgresPassword())) {
        report.machine.put("PostgreSQL", database.serverVersion());
        runBrokers(new BenchContext(options, database, out, report));
      } finally {
        Runtime.getRuntime().removeShutdownHook(onExit);
      }
      report.machine.put("load average at end", MachineFacts.loadAverage());
      checkTargets(report, options);
      write(report, out);
      System.out.println("bench: report written to " + out.resolve("report.md"));
      return EXIT_OK;
    } catch (Exception e) {
      System.err.println("bench: " + e.getMessage());
      log.debug("bench failed", e);
      return EXIT_UNAVAILABLE;
    }
  }

  private static void runBrokers(BenchContext context) throws Exception {
    BenchOptions options = context.options();
    EmbeddedZooKeeper zooKeeper = null;
    try {
      for (BrokerKind kind : options.brokers()) {
        BrokerUnderBench opened;
        try {
          opened = open(kind, options);
        } catch (Exception e) {
          log.warn("{} could not be opened", kind.label(), e);
          context.report().notes.add(kind.label() + ": not measured (" + e.getMessage() + ")");
          continue;
        }
        try (BrokerUnderBench broker = opened) {
          context.report().machine.put(broker.label(), broker.version());
          try (BrokerBench bench = new BrokerBench(context, broker)) {
            String label = broker.label();
            bench.runAll((what, step) -> guard(context, label + " " + what, step));
            if (context.runs(Scenario.DELAYED)) {
              if (zooKeeper == null) {
                zooKeeper = EmbeddedZooKeeper.builder().build(); // temporary data, deleted on close
                zooKeeper.start();
              }
              String zk = zooKeeper.endpoint().connectString();
              log.info(
                  "{}: delayed dispatch of {} eta tasks",
                  broker.label(),
                  context.sizes().delayed());
              guard(
                  context,
                  broker.label() + " delayed dispatch",
                  () -> DelayedDispatchBench.run(context, bench, broker, zk));
            }
          }
          if (kind == BrokerKind.RABBITMQ && context.runs(Scenario.CELERY)) {
            celery(context);
          }
        }
      }
    } finally {
      if (zooKeeper != null) {
        zooKeeper.close();
      }
    }
  }

  private static BrokerUnderBench open(BrokerKind kind, BenchOptions options) throws Exception {
    return kind == BrokerKind.KAFKA
        ? KafkaUnderBench.open(options.kafkaBootstrap())
        : RabbitMqUnderBench.open(options.rabbitMq());
  }

  /** Runs {@code step}; a failure becomes a note in the report rather than the end of the run. */
  private static void guard(BenchContext context, String what, BrokerBench.Step step) {
    try {
      step.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + what, e);
    } catch (Exception e) {
      log.warn("{} failed", what, e);
      context.report().notes.add(what + " failed: " + e);
    }
  }

  private static void celery(BenchContext context) {
    Report report = context.report();
    Sizes sizes = context.sizes();
    CeleryComparison celery =
        new CeleryComparison(
            context.options().celeryDir(),
            context.out().resolve("celery.log").toAbsolutePath(),
            context.options().quick() ? Duration.ofMinutes(4) : Duration.ofMinutes(10));
    String amqp = kombuUrl(context.options().rabbitMq());
    String db = context.database().sqlAlchemyUrl();
    log.info("Celery: throughput and latency through {}", context.options().celeryDir());
    try {
      celery.ensure();
      JsonNode throughput = celery.throughput(sizes.celeryTasks(), sizes.runs(), amqp, db);
      List<Double> rates = CeleryComparison.tasksPerSecond(throughput);
      double celeryMax = Summary.of(rates).median();
      report.machine.put("Celery", versions(throughput.path("versions")));
      report.add(
          Scenario.CELERY,
          RABBITMQ,
          "Celery tasks/s, first submit → last result",
          "tasks/s",
          rates,
          sizes.celeryTasks() + " no-op tasks");
      List<Double> submits =
          throughput.findValues("submit_per_s").stream().map(JsonNode::asDouble).toList();
      report.add(Scenario.CELERY, RABBITMQ, "Celery submits/s", "submits/s", submits);
      report.celery.put("throughput", throughput);
      Report.Figure ours =
          report.figure(Scenario.THROUGHPUT, RABBITMQ, BrokerBench.TASKS_PER_SECOND);
      if (ours != null && ours.summary() != null) {
        report.setVersusCelery(
            ours,
            MarkdownReport.number(ours.summary().median() / celeryMax)
                + "× (Celery "
                + MarkdownReport.number(celeryMax)
                + ")");
      }
      JsonNode latency = celery.latency(celeryMax / 2, sizes.latencyPhase().toSeconds(), amqp, db);
      report.celery.put("latency", latency);
      String at = " at half of Celery's max (" + MarkdownReport.number(celeryMax / 2) + "/s)";
      for (String p : List.of("p50", "p95", "p99", "max")) {
        double celeryMs = latency.path(p + "_ms").asDouble();
        report.add(
            Scenario.CELERY,
            RABBITMQ,
            "Celery " + p + at,
            "ms",
            List.of(celeryMs),
            p.equals("p50") ? latency.path("count").asInt() + " tasks" : "");
        Report.Figure mine = figureStartingWith(report, p + " " + BrokerBench.HALF_MAX);
        if (mine != null && mine.summary() != null && celeryMs > 0) {
          report.setVersusCelery(
              mine,
              MarkdownReport.number(mine.summary().median() / celeryMs)
                  + "× (Celery "
                  + MarkdownReport.number(celeryMs)
                  + " ms)");
        }
      }
    } catch (CeleryComparison.NotMeasured e) {
      report.notes.add("Celery: not measured (" + e.getMessage() + ")");
      report.celery.put("notMeasured", e.getMessage());
    }
  }

  /** Celery's reported versions on one line: {@code celery 5.2.6, kombu 5.2.4, …}. */
  private static String versions(JsonNode versions) {
    List<String> parts = new ArrayList<>();
    versions.fields().forEachRemaining(e -> parts.add(e.getKey() + " " + e.getValue().asText()));
    return parts.isEmpty() ? "versions not reported" : String.join(", ", parts);
  }

  /** The AMQP URL as kombu reads it: the default virtual host written {@code //}. */
  static String kombuUrl(String uri) {
    return uri.replaceFirst("(?i)/%2f$", "//");
  }

  private static Report.@Nullable Figure figureStartingWith(Report report, String prefix) {
    return report.figures.stream()
        .filter(f -> f.scenario().equals(Scenario.LATENCY.title()))
        .filter(f -> f.broker().equals(RABBITMQ) && f.metric().startsWith(prefix))
        .findFirst()
        .orElse(null);
  }

  /** Adds a met/missed line for each target of issue 8 that this run measured. */
  static void checkTargets(Report report, BenchOptions options) {
    Double celeryMax = null;
    for (Report.Figure f : report.figures) {
      if (f.metric().startsWith("Celery tasks/s") && f.summary() != null) {
        celeryMax = f.summary().median();
      }
    }
    for (BrokerKind kind : options.brokers()) {
      String b = kind.label();
      Double rate = report.median(Scenario.THROUGHPUT, b, BrokerBench.TASKS_PER_SECOND);
      if (kind == BrokerKind.RABBITMQ && options.scenarios().contains(Scenario.CELERY)) {
        Double times = rate == null || celeryMax == null ? null : rate / celeryMax;
        report.check("throughput ≥ 10× Celery", b, times, "×", times != null && times >= 10);
      }
      if (options.scenarios().contains(Scenario.RAW)) {
        Double ofRaw = report.median(Scenario.RAW, b, BrokerBench.OF_RAW);
        report.check(
            "throughput ≥ 50 % of the raw limit", b, ofRaw, "%", ofRaw != null && ofRaw >= 50);
      }
      if (options.scenarios().contains(Scenario.LATENCY)) {
        Double p99 = null;
        for (Report.Figure f : report.figures) {
          if (f.broker().equals(b)
              && f.scenario().equals(Scenario.LATENCY.title())
              && f.metric().startsWith("p99 " + BrokerBench.HALF_MAX)
              && f.summary() != null) {
            p99 = f.summary().median();
          }
        }
        report.check("p99 ≤ 20 ms at half of max", b, p99, "ms", p99 != null && p99 <= 20);
      }
      if (options.scenarios().contains(Scenario.SLEEPERS)) {
        String n = String.format(Locale.ROOT, "%,d", options.sizes().sleepers());
        Double wall = report.median(Scenario.SLEEPERS, b, BrokerBench.SLEEPERS_WALL);
        String target = n + " sleeping tasks < 10 s wall";
        if (wall == null) {
          report.check(target, b, "did not finish", "missed");
        } else {
          report.check(target, b, wall, "s", wall < 10);
        }
        Double heap = report.median(Scenario.SLEEPERS, b, BrokerBench.SLEEPERS_HEAP);
        report.check(
            n + " sleeping tasks < 1 GiB heap", b, heap, "MiB", heap != null && heap < 1024);
      }
      if (options.scenarios().contains(Scenario.FOOTPRINT)) {
        Double rss = report.median(Scenario.FOOTPRINT, b, BrokerBench.IDLE_RSS);
        report.check("idle worker RSS < 200 MB", b, rss, "MiB", rss != null && rss * MIB < 200e6);
        Double ready = report.median(Scenario.FOOTPRINT, b, BrokerBench.START_TO_READY);
        report.check("start to ready < 3 s", b, ready, "s", ready != null && ready < 3);
      }
    }
  }

  private static void write(Report report, Path out) throws IOException {
    Files.writeString(out.resolve("report.md"), MarkdownReport.render(report));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("date", report.date);
    json.put("mode", report.mode);
    json.put("machine", report.machine);
    json.put("figures", report.figures);
    json.put("targets", report.targets);
    json.put("celery", report.celery);
    json.put("notes", report.notes);
    json.put("formulas", report.formulas);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(out.resolve("report.json").toFile(), json);
  }

  /** How the derived figures are computed; printed in both reports. */
  static final Map<String, String> FORMULAS =
      orderedPairs(
          "tasks/s",
          "N ÷ (time the last result reached the client − time the first submit began)",
          "raw limit",
          "min(broker round trip rate, PostgreSQL row write rate), each measured in the same run"
              + " right after Celeriac's; Celeriac ÷ raw limit = Celeriac tasks/s ÷ raw limit",
          "latency",
          "result seen by the client's TaskHandle − intended send time of an open-loop schedule",
          "lateness",
          "attempt start time in the store − eta");

  private static Map<String, String> orderedPairs(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
