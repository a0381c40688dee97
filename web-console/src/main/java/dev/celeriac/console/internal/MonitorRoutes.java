package dev.celeriac.console.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.QueueActivity;
import dev.celeriac.api.spi.QueueDepth;
import dev.celeriac.api.spi.QueueInspector;
import dev.celeriac.api.spi.Schedule;
import dev.celeriac.api.spi.TaskQuery;
import dev.celeriac.api.spi.TaskStatistics;
import dev.celeriac.api.spi.TaskStats;
import dev.celeriac.api.spi.ThroughputBucket;
import dev.celeriac.api.spi.WorkerHeartbeat;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Read-only views: workers, queues with depth, lag and rates, statistics, health. */
public final class MonitorRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(MonitorRoutes.class);
  private static final Duration MAX_WINDOW = Duration.ofHours(24);
  private static final Duration MAX_RATE_WINDOW = Duration.ofHours(1);

  private final ConsoleContext console;

  /** Routes over {@code console}. */
  public MonitorRoutes(ConsoleContext console) {
    this.console = console;
  }

  /** Registers the routes. */
  public void register(RoutesConfig routes) {
    routes.get("/api/v1/workers", this::workers);
    routes.get("/api/v1/queues", this::queues);
    routes.get("/api/v1/stats", this::stats);
    routes.get("/health", this::health);
  }

  private void workers(Context ctx) {
    Instant now = console.clock().instant();
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("workers");
    console
        .store()
        .workers()
        .forEach(w -> list.add(TaskViews.worker(w, now, console.staleAfter())));
    Json.answer(ctx, 200, body);
  }

  private void queues(Context ctx) {
    Duration window = Params.duration(ctx, "window", MAX_RATE_WINDOW, Duration.ofMinutes(1));
    if (window.compareTo(Duration.ofSeconds(10)) < 0) {
      throw ApiException.badRequest("window", "must be at least 10s");
    }
    Instant now = console.clock().instant();
    List<WorkerHeartbeat> workers = console.store().workers();
    TreeSet<String> names = new TreeSet<>();
    names.add("default");
    Map<String, int[]> consumers = new HashMap<>();
    for (WorkerHeartbeat w : workers) {
      names.addAll(w.queues());
      if (!w.lastBeat().plus(console.staleAfter()).isBefore(now)) {
        w.queues().forEach(q -> consumers.computeIfAbsent(q, k -> new int[2])[0]++);
        w.queues().forEach(q -> consumers.get(q)[1] += w.concurrency());
      }
    }
    if (console.schedules() != null) {
      console.schedules().list().stream()
          .map(Schedule::queue)
          .filter(q -> q != null)
          .forEach(names::add);
    }
    // A store without statistics still lists its queues, without rates.
    Map<String, QueueActivity> activity = new HashMap<>();
    boolean rates = console.store() instanceof TaskStatistics;
    if (rates) {
      for (QueueActivity a : console.statistics().queueActivity(now.minus(window))) {
        activity.put(a.queue(), a);
        names.add(a.queue());
      }
    }
    ObjectNode body = Json.object();
    body.put("depthSupported", console.broker() instanceof QueueInspector);
    body.put("window", window.toString());
    ArrayNode list = body.putArray("queues");
    double seconds = window.toMillis() / 1000.0;
    for (String name : names) {
      ObjectNode queue = list.addObject();
      queue.put("name", name);
      int[] c = consumers.getOrDefault(name, new int[2]);
      queue.put("workers", c[0]);
      queue.put("concurrency", c[1]);
      if (rates) {
        QueueActivity a = activity.getOrDefault(name, new QueueActivity(name, 0, 0));
        queue.put("submittedPerSecond", a.submitted() / seconds);
        queue.put("completedPerSecond", a.completed() / seconds);
      } else {
        queue.putNull("submittedPerSecond");
        queue.putNull("completedPerSecond");
      }
      putDepth(queue, name);
    }
    Json.answer(ctx, 200, body);
  }

  // A broker that cannot answer leaves the depth empty with the reason, not the page failing.
  private void putDepth(ObjectNode queue, String name) {
    queue.putNull("depth");
    ArrayNode partitions = queue.putArray("partitions");
    if (!(console.broker() instanceof QueueInspector inspector)) {
      return;
    }
    try {
      inspector
          .queueDepth(name)
          .ifPresent(
              depth -> {
                queue.put("depth", depth.messages());
                for (QueueDepth.PartitionLag p : depth.partitions()) {
                  partitions
                      .addObject()
                      .put("partition", p.partition())
                      .put("startOffset", p.startOffset())
                      .put("endOffset", p.endOffset())
                      .put("lag", p.lag());
                }
              });
    } catch (RuntimeException e) {
      LOG.warn("queue {}: the broker did not tell its depth: {}", name, e.toString());
      queue.put("depthError", "the broker did not answer: " + e.getMessage());
    }
  }

  private void stats(Context ctx) {
    Duration window = Params.duration(ctx, "window", MAX_WINDOW, Duration.ofMinutes(15));
    if (window.compareTo(Duration.ofMinutes(1)) < 0) {
      throw ApiException.badRequest("window", "must be at least 1m");
    }
    Json.answer(ctx, 200, statsView(console, window));
  }

  /** The stats JSON for the last {@code window}, with every minute present (zero if idle). */
  public static ObjectNode statsView(ConsoleContext console, Duration window) {
    Instant now = console.clock().instant();
    Instant since = now.truncatedTo(ChronoUnit.MINUTES).minus(window).plus(Duration.ofMinutes(1));
    TaskStats stats = console.statistics().stats(since);
    ObjectNode body = Json.object();
    body.put("since", since.toString());
    body.put("at", now.toString());
    ObjectNode counts = body.putObject("counts");
    for (TaskState state : TaskState.values()) {
      counts.put(state.name(), stats.counts().get(state));
    }
    Map<Instant, ThroughputBucket> byMinute = new HashMap<>();
    stats.perMinute().forEach(b -> byMinute.put(b.minute(), b));
    ArrayNode perMinute = body.putArray("perMinute");
    for (Instant m = since; !m.isAfter(now); m = m.plus(Duration.ofMinutes(1))) {
      ThroughputBucket b = byMinute.getOrDefault(m, new ThroughputBucket(m, 0, 0, 0));
      ObjectNode row = perMinute.addObject();
      row.put("minute", m.toString());
      row.put("succeeded", b.succeeded());
      row.put("failed", b.failed());
      row.put("other", b.other());
    }
    ThroughputBucket current =
        byMinute.getOrDefault(
            now.truncatedTo(ChronoUnit.MINUTES), new ThroughputBucket(since, 0, 0, 0));
    long secondsIntoMinute = Math.max(1, now.getEpochSecond() % 60);
    body.put("perSecondThisMinute", (double) current.total() / secondsIntoMinute);
    ObjectNode durations = body.putObject("durationMs");
    durations.put("p50", stats.p50() == null ? null : stats.p50().toMillis());
    durations.put("p95", stats.p95() == null ? null : stats.p95().toMillis());
    durations.put("p99", stats.p99() == null ? null : stats.p99().toMillis());
    return body;
  }

  private void health(Context ctx) {
    ObjectNode body = Json.object();
    try {
      console.store().query(TaskQuery.all(1));
      body.put("status", "UP");
      body.put("store", "UP");
      Json.answer(ctx, 200, body);
    } catch (RuntimeException e) {
      LOG.warn("health check: the task store is unreachable", e);
      body.put("status", "DOWN");
      body.put("store", "DOWN");
      Json.answer(ctx, 503, body);
    }
  }
}
