package dev.celeriac.console.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.TaskChangeFeed;
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
 * The Server-Sent Events behind {@code GET /events}. Every {@code interval} one thread reads what
 * changed and sends a {@code task} event for each task that is new or changed state (or attempt
 * count), then a {@code stats} event. One read serves every client, so the store's load does not
 * grow with viewers.
 *
 * <p>On a store with a {@link TaskChangeFeed} (PostgreSQL, in-memory) every change is announced:
 * the feed pages through tasks by their last change, at most {@value #PAGE} tasks a read and
 * {@value #PAGES_PER_POLL} reads a poll (a backlog carries over to the next poll), and each poll
 * starts {@link #OVERLAP} before the latest change it saw, because writes commit out of the order
 * of their stamps; what was already announced in that overlap is skipped. On another store it falls
 * back to diffing the newest {@value #WATCHED} tasks, and misses changes to older ones.
 */
public final class LiveFeed implements AutoCloseable {
  static final int WATCHED = 200;
  static final int PAGE = 500;
  static final int PAGES_PER_POLL = 20;
  static final Duration OVERLAP = Duration.ofSeconds(2);
  private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

  private final ConsoleContext console;
  private final Duration interval;
  private final CopyOnWriteArrayList<SseClient> clients = new CopyOnWriteArrayList<>();
  private final Map<String, String> lastSeen = new HashMap<>();
  private final AtomicReference<@Nullable ObjectNode> latestStats = new AtomicReference<>();
  private final ScheduledExecutorService timer;
  private boolean primed; // only the timer thread reads and writes it
  private final ChangeCursor changes = new ChangeCursor(); // only the timer thread uses it

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
    if (console.store() instanceof TaskChangeFeed feed) {
      changes.read(
          feed, console.clock().instant(), task -> broadcast("task", Json.write(event(task))));
    } else {
      diffNewest();
    }
    if (!(console.store() instanceof TaskStatistics)) {
      return;
    }
    ObjectNode stats = MonitorRoutes.statsView(console, Duration.ofMinutes(15));
    latestStats.set(stats);
    broadcast("stats", Json.write(stats));
  }

  private void diffNewest() {
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
