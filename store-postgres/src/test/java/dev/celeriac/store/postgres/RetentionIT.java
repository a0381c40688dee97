package dev.celeriac.store.postgres;

import static dev.celeriac.store.postgres.TestDatabase.aMessage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.spi.TaskCompletion;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Retention deletes old finished tasks with their attempts, in bounded batches. */
@Timeout(60)
class RetentionIT {
  private static final Instant OLD = Instant.parse("2001-06-01T00:00:00Z");

  @Test
  void finishedTasksOlderThanTheCutoffAreDeletedInBoundedBatchesWithTheirAttempts()
      throws Exception {
    try (var store = TestDatabase.startedStore()) {
      List<TaskMessage> old = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        TaskMessage message = aMessage("retention.old", OLD);
        old.add(message);
        store.recordStarted(message, "w-1", OLD).get(30, TimeUnit.SECONDS);
        store
            .recordFinished(
                TaskCompletion.succeeded(message.id(), 1, IntNode.valueOf(i), OLD, "w-1"))
            .get(30, TimeUnit.SECONDS);
      }
      TaskMessage running = aMessage("retention.running", OLD);
      store.recordStarted(running, "w-1", OLD).get(30, TimeUnit.SECONDS);
      TaskMessage recent = aMessage("retention.recent");
      store
          .recordFinished(TaskCompletion.succeeded(recent.id(), 1, null, Instant.now(), "w-1"))
          .get(30, TimeUnit.SECONDS);
      Instant cutoff = OLD.plusSeconds(1);

      List<Integer> deleted = new ArrayList<>();
      int count;
      do {
        count = store.deleteFinishedBefore(cutoff, 10);
        deleted.add(count);
      } while (count == 10);

      assertThat(deleted).containsExactly(10, 10, 5);
      assertThat(old).allMatch(m -> store.find(m.id()).isEmpty());
      assertThat(old).allMatch(m -> store.attempts(m.id()).isEmpty());
      assertThat(attemptRowsOf("retention.old")).isZero();
      assertThat(store.find(running.id())).as("unfinished tasks are kept").isPresent();
      assertThat(store.find(recent.id())).as("recent results are kept").isPresent();
    }
  }

  private static long attemptRowsOf(String name) throws SQLException {
    try (Connection c = TestDatabase.plainConnection();
        Statement s = c.createStatement();
        var rows =
            s.executeQuery(
                "SELECT count(*) FROM celeriac_attempts a LEFT JOIN celeriac_tasks t"
                    + " ON t.id = a.task_id WHERE t.id IS NULL OR t.name = '"
                    + name
                    + "'")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
