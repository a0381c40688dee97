package dev.celeriac.console.internal;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.TaskChangeFeed;
import dev.celeriac.api.spi.TaskChangeFeed.TaskChange;
import dev.celeriac.api.spi.TaskRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Where the live feed is in a {@link TaskChangeFeed}, and which changes it announced lately. Each
 * read pages from {@link LiveFeed#OVERLAP} before the latest change seen (or from where the last
 * read stopped, if it stopped at its page budget), announces a task whose state or attempt count
 * differs from what it last announced, and forgets tasks that left the overlap. Not thread-safe:
 * the feed's one timer thread uses it.
 */
final class ChangeCursor {
  private final Map<TaskId, Announced> announced = new HashMap<>();
  private @Nullable Instant latest;
  private @Nullable TaskChange resumeAfter;

  private record Announced(String signature, Instant changedAt) {}

  /**
   * Reads the changes since the last read and passes each one not announced yet to {@code
   * announce}. The first read starts at {@code now} minus the overlap.
   */
  void read(TaskChangeFeed feed, Instant now, Consumer<TaskRecord> announce) {
    if (latest == null) {
      latest = now.minus(LiveFeed.OVERLAP);
    }
    Instant at = resumeAfter != null ? resumeAfter.changedAt() : latest.minus(LiveFeed.OVERLAP);
    TaskId after = resumeAfter != null ? resumeAfter.task().id() : TaskChangeFeed.FIRST_ID;
    resumeAfter = null;
    for (int pages = 0; pages < LiveFeed.PAGES_PER_POLL; pages++) {
      List<TaskChange> page = feed.changesAfter(at, after, LiveFeed.PAGE);
      page.forEach(change -> consider(change, announce));
      if (page.size() < LiveFeed.PAGE) {
        forgetBefore(latest.minus(LiveFeed.OVERLAP.multipliedBy(2)));
        return;
      }
      TaskChange last = page.getLast();
      at = last.changedAt();
      after = last.task().id();
      resumeAfter = last;
    }
  }

  private void consider(TaskChange change, Consumer<TaskRecord> announce) {
    TaskRecord task = change.task();
    String signature = task.state() + "/" + task.attempts();
    Announced before = announced.get(task.id());
    if (before == null || !before.signature().equals(signature)) {
      announce.accept(task);
    }
    announced.put(task.id(), new Announced(signature, change.changedAt()));
    if (latest == null || change.changedAt().isAfter(latest)) {
      latest = change.changedAt();
    }
  }

  private void forgetBefore(Instant cutoff) {
    announced.values().removeIf(a -> a.changedAt().isBefore(cutoff));
  }
}
