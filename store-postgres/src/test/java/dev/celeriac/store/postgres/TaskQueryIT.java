package dev.celeriac.store.postgres;

import static dev.celeriac.store.postgres.BatchingWriterIT.succeeded;
import static dev.celeriac.store.postgres.TestDatabase.aMessage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.PageCursor;
import dev.celeriac.api.spi.TaskPage;
import dev.celeriac.api.spi.TaskQuery;
import dev.celeriac.api.spi.TaskRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The console's task list: filters and keyset pagination. */
@Timeout(60)
class TaskQueryIT {
  private static final String NAME = "query." + UUID.randomUUID().toString().substring(0, 8);
  private static final Instant T0 = Instant.parse("2031-03-01T12:00:00Z");
  private static final int TASKS = 230;
  private static PostgresTaskStore store;
  private static final List<TaskMessage> messages = new ArrayList<>();

  @BeforeAll
  static void storeTasksWithTiedSubmissionTimes() throws Exception {
    store = TestDatabase.startedStore();
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (int i = 0; i < TASKS; i++) {
      // Groups of five share one submission time, so the id must break ties.
      TaskMessage message = aMessage(NAME, T0.plusSeconds(i / 5));
      messages.add(message);
      writes.add(store.recordSubmitted(message));
    }
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    for (TaskMessage message : messages.subList(0, 40)) {
      store.recordFinished(succeeded(message.id(), 1)).get(30, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  private static TaskQuery byName(int limit) {
    return new TaskQuery(Set.of(), NAME, null, null, null, null, limit, null);
  }

  @Test
  void pagingByKeysetReturnsEveryRowExactlyOnceNewestFirst() {
    List<TaskRecord> seen = new ArrayList<>();
    TaskQuery query = byName(37);
    int pages = 0;
    while (true) {
      TaskPage page = store.query(query);
      pages++;
      seen.addAll(page.tasks());
      PageCursor next = page.next();
      if (next == null) {
        break;
      }
      query = query.after(next);
    }

    assertThat(pages).isEqualTo((TASKS + 36) / 37);
    assertThat(seen).hasSize(TASKS);
    assertThat(new HashSet<>(seen.stream().map(TaskRecord::id).toList())).hasSize(TASKS);
    Comparator<TaskRecord> newestFirst =
        Comparator.comparing(TaskRecord::submittedAt)
            .thenComparing(r -> r.id().value().toString())
            .reversed();
    assertThat(seen).isSortedAccordingTo(newestFirst);
  }

  @Test
  void aPageThatEndsExactlyAtTheLastRowHasNoNextCursor() {
    TaskPage all = store.query(byName(TASKS));
    assertThat(all.tasks()).hasSize(TASKS);
    assertThat(all.next()).isNull();
  }

  @Test
  void statesNarrowTheList() {
    TaskQuery succeeded =
        new TaskQuery(Set.of(TaskState.SUCCEEDED), NAME, null, null, null, null, 100, null);
    assertThat(store.query(succeeded).tasks())
        .hasSize(40)
        .allMatch(r -> r.state() == TaskState.SUCCEEDED);
  }

  @Test
  void submissionTimesBoundTheListFromInclusiveToBeforeExclusive() {
    TaskQuery window =
        new TaskQuery(
            Set.of(), NAME, "default", T0.plusSeconds(10), T0.plusSeconds(12), null, 100, null);
    assertThat(store.query(window).tasks())
        .hasSize(10)
        .allMatch(r -> !r.submittedAt().isBefore(T0.plusSeconds(10)))
        .allMatch(r -> r.submittedAt().isBefore(T0.plusSeconds(12)));
  }

  @Test
  void textFindsATaskByItsIdOrByAPartOfItsName() {
    TaskId id = messages.get(17).id();
    TaskQuery byId = new TaskQuery(Set.of(), null, null, null, null, id.toString(), 10, null);
    assertThat(store.query(byId).tasks()).extracting(TaskRecord::id).containsExactly(id);

    String part = NAME.substring(3).toUpperCase();
    TaskQuery byPart = new TaskQuery(Set.of(), null, null, null, null, part, 1000, null);
    assertThat(store.query(byPart).tasks()).hasSize(TASKS);

    TaskQuery wildcard = new TaskQuery(Set.of(), null, null, null, null, "%_%", 10, null);
    assertThat(store.query(wildcard).tasks()).as("LIKE wildcards are literal").isEmpty();
  }
}
