package dev.celeriac.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.celeriac.api.SubmitOptions;
import dev.celeriac.api.TaskClient;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.api.TaskSubmitter;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.store.postgres.PostgresTaskStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scenarios 1–5 on one broker: a Celeriac client in this JVM (its own broker connection and a
 * {@link PostgresTaskStore} on the run's database) against one worker process per run.
 */
final class BrokerBench implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BrokerBench.class);

  static final String TASKS_PER_SECOND = "tasks/s, first submit → last result";
  static final String SUBMITS_PER_SECOND = "submits/s";
  static final String SUCCEEDED = "tasks succeeded (store)";
  static final String OF_RAW = "Celeriac ÷ raw limit";
  static final String IDLE_RSS = "idle worker RSS";
  static final String IDLE_HEAP = "idle worker heap used";
  static final String START_TO_READY = "start to ready";
  static final String SLEEPERS_WALL = "wall, first submit → last result";
  static final String SLEEPERS_HEAP = "peak heap used";
  static final String SLEEPERS_RSS = "peak RSS";
  static final String IDLE_RATE = "at idle";
  static final String HALF_MAX = "at half of max";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration LATENCY_WARM_UP = Duration.ofSeconds(2);
  private static final Duration IDLE_SETTLE = Duration.ofSeconds(3);
  private static final double IDLE_PER_SECOND = 20;
  private static final int RAW_BATCH = 500;
  private static final double MIB = 1024.0 * 1024.0;

  private final BenchContext context;
  private final BrokerUnderBench broker;
  private final Broker clientBroker;
  private final PostgresTaskStore store;
  private final TaskClient client;
  private final Report report;
  private int workers;

  BrokerBench(BenchContext context, BrokerUnderBench broker) {
    this.context = context;
    this.broker = broker;
    this.report = context.report();
    this.clientBroker = broker.newBroker();
    this.store = context.database().startedStore();
    this.client = TaskClient.builder().broker(clientBroker).store(store).build();
  }

  /** One scenario's work; a failure ends that scenario only. */
  interface Step {
    void run() throws Exception;
  }

  /**
   * Runs the selected scenarios 1–5 on this broker, each through {@code guarded} (given what it
   * is), so one that fails leaves a note and the others still run.
   */
  void runAll(BiConsumer<String, Step> guarded) {
    String label = broker.label();
    Sizes sizes = context.sizes();
    if (context.runs(Scenario.THROUGHPUT) || context.runs(Scenario.RAW)) {
      log.info(
          "{}: throughput and raw limit, {} runs of {} tasks", label, sizes.runs(), sizes.tasks());
      guarded.accept("throughput and raw limit", this::throughputAndRaw);
    }
    if (context.runs(Scenario.LATENCY)) {
      log.info("{}: latency, {} runs", label, sizes.latencyRuns());
      guarded.accept("latency", this::latency);
    }
    if (context.runs(Scenario.SLEEPERS)) {
      log.info("{}: {} sleeping tasks", label, sizes.sleepers());
      guarded.accept("sleeping tasks", this::sleepers);
    }
    if (context.runs(Scenario.FOOTPRINT)) {
      if (!context.runs(Scenario.THROUGHPUT)) {
        log.info("{}: worker footprint, {} runs", label, sizes.runs());
        guarded.accept("footprint", this::idleWorkers);
      }
      reportFootprint();
    }
  }

  private void idleWorkers() throws Exception {
    for (int run = 1; run <= context.sizes().runs(); run++) {
      String queue = broker.newQueue("idle", false);
      try (WorkerProcess worker = startWorker(queue, 1_000, true)) {
        measureIdle(worker);
      }
    }
  }

  private WorkerProcess startWorker(String queue, int concurrency, boolean delayedDispatch)
      throws Exception {
    String id = broker.label().toLowerCase(Locale.ROOT) + "-worker-" + ++workers;
    return WorkerProcess.start(
        new WorkerProcess.Settings(
            id,
            broker.processUrl(),
            context.database().processUrl(),
            queue,
            "bench-" + UUID.randomUUID().toString().substring(0, 8),
            concurrency,
            delayedDispatch),
        context.out());
  }

  private TaskSubmitter to(String queue) {
    return client.with(SubmitOptions.builder().queue(queue).build());
  }

  private long succeededIn(String queue) throws SQLException {
    return context
        .database()
        .count(
            "SELECT count(*) FROM celeriac_tasks WHERE queue = ? AND state = 'SUCCEEDED'", queue);
  }

  // Scenarios 1 and 2, run by run, so each ratio compares figures of the same moment.
  private void throughputAndRaw() throws Exception {
    int n = context.sizes().tasks();
    List<Double> rates = new ArrayList<>();
    List<Double> submits = new ArrayList<>();
    List<Double> succeeded = new ArrayList<>();
    List<Double> brokerRates = new ArrayList<>();
    List<Double> publishRates = new ArrayList<>();
    List<Double> dbRates = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int bodyBytes = noopEnvelopeBytes();
    for (int run = 1; run <= context.sizes().runs(); run++) {
      Double rate = null;
      if (context.runs(Scenario.THROUGHPUT)) {
        String queue = broker.newQueue("tput", false);
        try (WorkerProcess worker = startWorker(queue, 1_000, true)) {
          if (context.runs(Scenario.FOOTPRINT)) {
            measureIdle(worker);
          } else {
            worker.awaitReady(READY_TIMEOUT);
          }
          TaskSubmitter submitter = to(queue);
          TaskLoad.Outcome outcome =
              TaskLoad.run(
                  n, i -> submitter.submit(BenchTasks::noop), Duration.ofSeconds(60 + n / 200));
          long ok = succeededIn(queue);
          succeeded.add((double) ok);
          submits.add(n / outcome.submitSeconds());
          if (outcome.finished() == n && outcome.failed() == 0) {
            rate = n / outcome.totalSeconds();
            rates.add(rate);
          } else {
            problems.add(
                "run "
                    + run
                    + ": "
                    + outcome.finished()
                    + " of "
                    + n
                    + " results in time, "
                    + outcome.failed()
                    + " failed");
          }
          log.info(
              "{} throughput run {}: {} tasks/s ({} succeeded)", broker.label(), run, rate, ok);
        } catch (Exception e) {
          log.warn("{} throughput run {} failed", broker.label(), run, e);
          problems.add("run " + run + " failed: " + e.getMessage());
        }
      }
      if (context.runs(Scenario.RAW)) {
        try {
          BrokerUnderBench.RawRate raw = broker.rawRoundTrip(n, bodyBytes);
          double db = rawDatabaseWrites(n);
          brokerRates.add(raw.roundTripPerSecond());
          publishRates.add(raw.publishPerSecond());
          dbRates.add(db);
          if (rate != null) {
            ratios.add(100 * rate / Math.min(raw.roundTripPerSecond(), db));
          }
        } catch (Exception e) {
          problems.add("raw run " + run + " failed: " + e.getMessage());
        }
      }
    }
    String label = broker.label();
    String note = String.join("; ", problems);
    if (context.runs(Scenario.THROUGHPUT)) {
      report.add(Scenario.THROUGHPUT, label, TASKS_PER_SECOND, "tasks/s", rates, note);
      report.add(Scenario.THROUGHPUT, label, SUBMITS_PER_SECOND, "submits/s", submits);
      report.add(Scenario.THROUGHPUT, label, SUCCEEDED, "tasks of " + n, succeeded);
    }
    if (context.runs(Scenario.RAW)) {
      report.add(
          Scenario.RAW,
          label,
          "broker round trip (publish+confirm, consume+ack)",
          "msgs/s",
          brokerRates,
          bodyBytes + "-byte messages");
      report.add(Scenario.RAW, label, "broker publish with confirm alone", "msgs/s", publishRates);
      report.add(
          Scenario.RAW,
          label,
          "PostgreSQL result rows, " + RAW_BATCH + "-row INSERTs",
          "rows/s",
          dbRates);
      if (context.runs(Scenario.THROUGHPUT)) {
        report.add(Scenario.RAW, label, OF_RAW, "%", ratios, note);
      }
    }
  }

  /** The size of a no-op task's envelope as the client encodes it, so raw messages match. */
  static int noopEnvelopeBytes() {
    TaskMessage message =
        new TaskMessage(
            TaskMessage.CURRENT_VERSION,
            new TaskId(UUID.randomUUID()),
            "bench.noop",
            JsonNodeFactory.instance.arrayNode(),
            "bench-tput-0123abcd",
            1,
            null,
            null,
            0,
            null,
            Map.of(),
            Instant.now());
    return new TaskMessageCodec().encode(message).length;
  }

  /**
   * Writes {@code count} result-sized rows into a fresh table in multi-row INSERTs of {@value
   * #RAW_BATCH}, one commit each, on one connection; returns rows per second.
   */
  private double rawDatabaseWrites(int count) throws SQLException {
    String table = "bench_raw_" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection connection = context.database().connect();
        Statement ddl = connection.createStatement()) {
      ddl.execute(
          "CREATE TABLE "
              + table
              + " (id uuid PRIMARY KEY, state text NOT NULL, result jsonb,"
              + " finished_at timestamptz NOT NULL)");
      StringBuilder sql = new StringBuilder("INSERT INTO " + table + " VALUES ");
      for (int i = 0; i < RAW_BATCH; i++) {
        sql.append(i == 0 ? "" : ",").append("(?, 'SUCCEEDED', 'null'::jsonb, now())");
      }
      long start = System.nanoTime();
      try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
        for (int written = 0; written < count; written += RAW_BATCH) {
          for (int i = 0; i < RAW_BATCH; i++) {
            insert.setObject(i + 1, UUID.randomUUID());
          }
          insert.executeUpdate();
        }
      }
      long end = System.nanoTime();
      int rows = ((count + RAW_BATCH - 1) / RAW_BATCH) * RAW_BATCH;
      ddl.execute("DROP TABLE " + table);
      return KafkaUnderBench.perSecond(rows, end - start);
    }
  }

  // Scenario 3.
  private void latency() throws Exception {
    String label = broker.label();
    Double max = report.median(Scenario.THROUGHPUT, label, TASKS_PER_SECOND);
    Map<String, List<LatencyProbe.Phase>> phases = new LinkedHashMap<>();
    LatencyProbe probe = new LatencyProbe(OpenLoopSchedule.Clock.system());
    Duration length = context.sizes().latencyPhase();
    for (int run = 1; run <= context.sizes().latencyRuns(); run++) {
      String queue = broker.newQueue("latency", false);
      try (WorkerProcess worker = startWorker(queue, 1_000, true)) {
        worker.awaitReady(READY_TIMEOUT);
        TaskSubmitter submitter = to(queue);
        probe.run(
            IDLE_PER_SECOND * 5,
            LATENCY_WARM_UP,
            () -> submitter.submit(BenchTasks::noop),
            Duration.ofSeconds(30));
        phases
            .computeIfAbsent(IDLE_RATE, k -> new ArrayList<>())
            .add(
                probe.run(
                    IDLE_PER_SECOND,
                    length,
                    () -> submitter.submit(BenchTasks::noop),
                    Duration.ofSeconds(60)));
        if (max != null) {
          phases
              .computeIfAbsent(HALF_MAX, k -> new ArrayList<>())
              .add(
                  probe.run(
                      max / 2,
                      length,
                      () -> submitter.submit(BenchTasks::noop),
                      Duration.ofSeconds(60)));
        }
      }
    }
    for (var entry : phases.entrySet()) {
      double rate = entry.getKey().equals(IDLE_RATE) ? IDLE_PER_SECOND : max / 2;
      String rateText = entry.getKey() + " (" + MarkdownReport.number(rate) + "/s)";
      List<LatencyProbe.Phase> runs = entry.getValue();
      int missing = runs.stream().mapToInt(LatencyProbe.Phase::missing).sum();
      int sent = runs.stream().mapToInt(LatencyProbe.Phase::sent).sum();
      String note =
          sent + " tasks" + (missing > 0 ? ", " + missing + " without a result in time" : "");
      report.add(
          Scenario.LATENCY,
          label,
          "p50 " + rateText,
          "ms",
          map(runs, p -> p.percentileMillis(50)),
          note);
      report.add(
          Scenario.LATENCY, label, "p95 " + rateText, "ms", map(runs, p -> p.percentileMillis(95)));
      report.add(
          Scenario.LATENCY, label, "p99 " + rateText, "ms", map(runs, p -> p.percentileMillis(99)));
      report.add(
          Scenario.LATENCY,
          label,
          "max " + rateText,
          "ms",
          map(runs, LatencyProbe.Phase::maxMillis));
    }
    if (max == null) {
      report.notes.add(
          label + ": latency at half of max needs the throughput scenario; it was not run");
    }
  }

  private static List<Double> map(
      List<LatencyProbe.Phase> runs, ToDoubleFunction<LatencyProbe.Phase> f) {
    return runs.stream()
        .filter(p -> p.histogram().getTotalCount() > 0)
        .map(p -> f.applyAsDouble(p))
        .toList();
  }

  // Scenario 4.
  private void sleepers() throws Exception {
    int n = context.sizes().sleepers();
    String label = broker.label();
    String queue = broker.newQueue("sleepers", true);
    try (WorkerProcess worker = startWorker(queue, n, true)) {
      worker.awaitReady(READY_TIMEOUT);
      TaskSubmitter submitter = to(queue);
      Duration timeout = context.sizes().sleepersTimeout();
      TaskLoad.Outcome outcome =
          TaskLoad.run(n, i -> submitter.submit(BenchTasks::sleep, 1_000L), timeout);
      boolean finished = outcome.finished() == n && outcome.failed() == 0;
      String note =
          n
              + " tasks × 1 s, concurrency "
              + n
              + "; submitting took "
              + MarkdownReport.number(outcome.submitSeconds())
              + " s"
              + (finished
                  ? ""
                  : "; did not finish in "
                      + MarkdownReport.number(outcome.submitSeconds() + timeout.toSeconds())
                      + " s: "
                      + outcome.finished()
                      + " results ("
                      + outcome.failed()
                      + " failed), "
                      + succeededIn(queue)
                      + " succeeded in the store");
      report.add(
          Scenario.SLEEPERS,
          label,
          SLEEPERS_WALL,
          "s",
          finished ? List.of(outcome.totalSeconds()) : List.of(),
          note);
      report.add(
          Scenario.SLEEPERS,
          label,
          "last submit → last result",
          "s",
          finished ? List.of(outcome.totalSeconds() - outcome.submitSeconds()) : List.of(),
          "what the worker adds once every task is queued");
      report.add(
          Scenario.SLEEPERS,
          label,
          "most tasks in flight at once",
          "tasks",
          List.of((double) worker.mostInFlight()),
          "from the worker's statistics every 240 ms");
      report.add(Scenario.SLEEPERS, label, SLEEPERS_HEAP, "MiB", mib(worker.heapPeak()));
      report.add(Scenario.SLEEPERS, label, SLEEPERS_RSS, "MiB", mib(worker.peakRss().orElse(-1)));
    }
  }

  private static List<Double> mib(long bytes) {
    return bytes < 0 ? List.of() : List.of(bytes / MIB);
  }

  // Scenario 5: read from every worker that is ready and idle, before it gets any work.
  private final List<Double> readySeconds = new ArrayList<>();
  private final List<Double> idleRss = new ArrayList<>();
  private final List<Double> idleHeap = new ArrayList<>();

  private void measureIdle(WorkerProcess worker) throws InterruptedException {
    readySeconds.add(worker.awaitReady(READY_TIMEOUT).toMillis() / 1000.0);
    // Idle means ready and left alone: the figures are read after 3 s of nothing to do.
    Thread.sleep(IDLE_SETTLE);
    worker.rss().ifPresent(bytes -> idleRss.add(bytes / MIB));
    if (worker.heapUsed() >= 0) {
      idleHeap.add(worker.heapUsed() / MIB);
    }
  }

  private void reportFootprint() {
    String label = broker.label();
    report.add(
        Scenario.FOOTPRINT,
        label,
        START_TO_READY,
        "s",
        readySeconds,
        "process spawn → ready line; JVM " + String.join(" ", WorkerProcess.JVM_OPTIONS));
    report.add(Scenario.FOOTPRINT, label, IDLE_RSS, "MiB", idleRss, "after 3 s idle");
    report.add(Scenario.FOOTPRINT, label, IDLE_HEAP, "MiB", idleHeap, "after 3 s idle");
  }

  PostgresTaskStore store() {
    return store;
  }

  Broker clientBroker() {
    return clientBroker;
  }

  TaskClient client() {
    return client;
  }

  /** Starts a worker of {@code queue} for another scenario; the caller closes it. */
  WorkerProcess worker(String queue, boolean delayedDispatch) throws Exception {
    WorkerProcess worker = startWorker(queue, 1_000, delayedDispatch);
    worker.awaitReady(READY_TIMEOUT);
    return worker;
  }

  @Override
  public void close() {
    client.close();
    clientBroker.close();
    store.close();
  }
}
