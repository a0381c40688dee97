package dev.celeriac.console.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.TaskQuery;
import dev.celeriac.api.spi.TaskRecord;
import dev.celeriac.api.spi.TaskStatistics;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Server-Sent Events behind {@code GET /events}, by poll and diff: every {@code interval} one
 * thread reads the newest {@value #WATCHED} tasks and sends a {@code task} event for each task that
 * is new or changed state (or attempt count) since the previous read, then a {@code stats} event.
 * One read serves every client, so the store's load does not grow with viewers. A task that changes
 * outside the newest {@value #WATCHED} is not announced (the UI refreshes such views on demand).
 */
public final class LiveFeed implements AutoCloseable {
  static final int WATCHED = 200;
  private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

  private final ConsoleContext console;
  private final Duration interval;
  private final CopyOnWriteArrayList<SseClient> clients = new CopyOnWriteArrayList<>();
  private final Map<String, String> lastSeen = new HashMap<>();
  private final AtomicReference<@Nullable ObjectNode> latestStats = new AtomicReference<>();
  private final ScheduledExecutorService timer;
  private boolean primed; // only the timer thread reads and writes it

  /** A feed over {@code console}, polling every {@code interval} once started. */
  public LiveFeed(ConsoleContext console, Duration interval) {
    this.console = console;
    this.interval = interval;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("celeriac-console-feed").factory());
  }

  /** Starts polling. */
  public void start() {
    timer.scheduleWithFixedDelay(this::pollSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Adds an SSE client; it receives the latest stats at once and events from then on. */
  public void join(SseClient client) {
    client.keepAlive();
    client.onClose(() -> clients.remove(client));
    // Added before the first event is sent: a client that sees the stream open misses nothing.
    clients.add(client);
    ObjectNode stats = latestStats.get();
    if (stats != null) {
      send(client, "stats", Json.write(stats));
    }
  }

  /** The stats of the latest poll, or null before the first; for the metrics gauges. */
  public @Nullable ObjectNode latestStats() {
    return latestStats.get();
  }

  private void pollSafely() {
    try {
      poll();
    } catch (RuntimeException e) {
      LOG.warn("live feed: polling the store failed; retrying in {}", interval, e);
    }
  }

  private void poll() {
    List<TaskRecord> newest = console.store().query(TaskQuery.all(WATCHED)).tasks();
    boolean first = !primed;
    primed = true;
    Map<String, String> now = new HashMap<>();
    for (TaskRecord task : newest) {
      String id = task.id().toString();
      String signature = task.state() + "/" + task.attempts();
      now.put(id, signature);
      if (!first && !signature.equals(lastSeen.get(id))) {
        broadcast("task", Json.write(event(task)));
      }
    }
    lastSeen.clear();
    lastSeen.putAll(now);
    if (!(console.store() instanceof TaskStatistics)) {
      return;
    }
    ObjectNode stats = MonitorRoutes.statsView(console, Duration.ofMinutes(15));
    latestStats.set(stats);
    broadcast("stats", Json.write(stats));
  }

  private static ObjectNode event(TaskRecord task) {
    ObjectNode node = TaskViews.summary(task);
    node.put("terminal", task.state().isTerminal());
    node.put("failedState", task.state() == TaskState.FAILED || task.state() == TaskState.DEAD);
    return node;
  }

  private void broadcast(String event, String data) {
    for (SseClient client : clients) {
      if (client.terminated()) {
        clients.remove(client);
        continue;
      }
      send(client, event, data);
    }
  }

  // One writer at a time per client: the joining thread and the timer thread may both send.
  private void send(SseClient client, String event, String data) {
    synchronized (client) {
      try {
        client.sendEvent(event, data);
      } catch (RuntimeException e) {
        LOG.debug("live feed: dropping a client that went away", e);
        clients.remove(client);
      }
    }
  }

  /** Stops polling and closes every client. Idempotent. */
  @Override
  public void close() {
    timer.shutdownNow();
    clients.forEach(SseClient::close);
    clients.clear();
  }
}
