package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.TaskId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one connection in {@code LISTEN celeriac_finished} and {@code LISTEN celeriac_delayed} on
 * its own thread. It hands the ids of each burst of finished notifications to {@code onFinished},
 * and calls {@code onDelayedChange} once per burst that holds a delayed-change notification. After
 * connecting (and after every reconnect, since notifications sent while disconnected are lost) it
 * calls {@code onConnected} and {@code onDelayedChange} so every waiter and dispatcher checks once.
 * A lost connection is reopened after a pause.
 */
final class FinishedListener {
  static final String APPLICATION_NAME = "celeriac-result-listener";
  private static final Logger log = LoggerFactory.getLogger(FinishedListener.class);
  private static final int RECEIVE_MILLIS = 250;
  private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

  private final ListenerConnections connections;
  private final Consumer<List<TaskId>> onFinished;
  private final Runnable onConnected;
  private final Runnable onDelayedChange;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile Thread thread;

  FinishedListener(
      ListenerConnections connections,
      Consumer<List<TaskId>> onFinished,
      Runnable onConnected,
      Runnable onDelayedChange) {
    this.connections = connections;
    this.onFinished = onFinished;
    this.onConnected = onConnected;
    this.onDelayedChange = onDelayedChange;
  }

  void start() {
    thread = Thread.ofPlatform().name("celeriac-result-listener").daemon(true).start(this::run);
  }

  private void run() {
    Duration pause = FIRST_PAUSE;
    while (stopped.getCount() > 0) {
      try (Connection connection = connections.open()) {
        pause = FIRST_PAUSE;
        listen(connection);
      } catch (SQLException | RuntimeException e) {
        if (stopped.getCount() == 0) {
          return;
        }
        log.warn("result listener lost its connection; reconnecting in {}", pause, e);
        pause(pause);
        pause =
            pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
                ? LONGEST_PAUSE
                : pause.multipliedBy(2);
      }
    }
  }

  private void listen(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET application_name = '" + APPLICATION_NAME + "'");
      statement.execute("LISTEN " + FinishedNotifications.CHANNEL);
      statement.execute("LISTEN " + DelayedChangeListeners.CHANNEL);
    }
    try {
      onConnected.run();
      onDelayedChange.run();
      PGConnection pg = connection.unwrap(PGConnection.class);
      while (stopped.getCount() > 0) {
        PGNotification[] notifications = pg.getNotifications(RECEIVE_MILLIS);
        if (notifications != null && notifications.length > 0) {
          dispatch(notifications);
        }
      }
    } finally {
      unlisten(connection);
    }
  }

  // A pooled connection goes back to the pool; it must not keep listening there.
  private static void unlisten(Connection connection) {
    try (Statement statement = connection.createStatement()) {
      statement.execute("UNLISTEN *");
    } catch (SQLException e) {
      log.debug("UNLISTEN failed on a closing listener connection", e);
    }
  }

  private void dispatch(PGNotification[] notifications) {
    boolean delayedChanged = false;
    List<PGNotification> finished = new ArrayList<>();
    for (PGNotification notification : notifications) {
      if (DelayedChangeListeners.CHANNEL.equals(notification.getName())) {
        delayedChanged = true;
      } else {
        finished.add(notification);
      }
    }
    if (!finished.isEmpty()) {
      onFinished.accept(ids(finished));
    }
    if (delayedChanged) {
      onDelayedChange.run();
    }
  }

  private static List<TaskId> ids(List<PGNotification> notifications) {
    List<TaskId> ids = new ArrayList<>();
    for (PGNotification notification : notifications) {
      for (String part : FinishedNotifications.parts(notification.getParameter())) {
        try {
          ids.add(TaskId.parse(part));
        } catch (IllegalArgumentException e) {
          log.warn("ignoring a malformed id on {}: {}", FinishedNotifications.CHANNEL, part);
        }
      }
    }
    return ids;
  }

  private void pause(Duration pause) {
    try {
      stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped.countDown();
    }
  }

  void stop() {
    stopped.countDown();
    Thread running = thread;
    if (running != null) {
      try {
        running.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
