package dev.celeriac.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.DeadLetter;
import dev.celeriac.api.spi.DeadLetterEntry;
import dev.celeriac.api.spi.DeadLetterStore;
import dev.celeriac.api.spi.QueueActivity;
import dev.celeriac.api.spi.TaskChangeFeed;
import dev.celeriac.api.spi.TaskCompletion;
import dev.celeriac.api.spi.TaskStatistics;
import dev.celeriac.api.spi.TaskStats;
import dev.celeriac.api.spi.TaskStore;
import dev.celeriac.api.spi.ThroughputBucket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of the console's store capabilities, {@link DeadLetterStore} and {@link
 * TaskStatistics} (issue 6): dead letters are addressed by id, a re-drive mark is given once and
 * hides the letter from the open list, a discard deletes it; statistics count every state, bucket
 * finished tasks per minute and interpolate run-time percentiles.
 *
 * <p>An implementation's test returns from {@link #newStore(InstantSource)} an <em>empty</em> store
 * that implements {@link TaskStore}, {@link DeadLetterStore} and {@link TaskStatistics}.
 */
public abstract class OperatorStoreContractTest {
  private static final String WORKER = "operator-worker";

  /** The store's clock; tests move it by hand. */
  protected final ContractClock clock = new ContractClock();

  private TaskStore store;
  private DeadLetterStore letters;
  private TaskStatistics statistics;

  /** A new, empty store reading time only from {@code clock}; it implements all three SPIs. */
  protected abstract TaskStore newStore(InstantSource clock);

  @BeforeEach
  final void openStore() {
    store = newStore(clock);
    letters = (DeadLetterStore) store;
    statistics = (TaskStatistics) store;
  }

  @AfterEach
  final void closeStore() {
    store.close();
  }

  @Test
  void openDeadLettersAreListedNewestFirstWithDistinctIds() {
    recordDead("first");
    clock.advance(Duration.ofSeconds(1));
    recordDead("second");

    List<DeadLetterEntry> open = letters.openDeadLetters(10);

    assertThat(open).extracting(e -> body(e.letter())).containsExactly("second", "first");
    assertThat(open.get(0).id()).isNotEqualTo(open.get(1).id());
    assertThat(open).allSatisfy(e -> assertThat(e.redrivenAt()).isNull());
    assertThat(letters.openDeadLetters(1))
        .extracting(e -> body(e.letter()))
        .containsExactly("second");
  }

  @Test
  void aDeadLetterIsFoundByItsId() {
    recordDead("findable");
    long id = letters.openDeadLetters(1).get(0).id();

    assertThat(letters.findDeadLetter(id))
        .hasValueSatisfying(e -> assertThat(body(e.letter())).isEqualTo("findable"));
    assertThat(letters.findDeadLetter(id + 1000)).isEmpty();
  }

  @Test
  void aReDrivenLetterLeavesTheOpenListButStaysFindableAndIsMarkedOnlyOnce() {
    recordDead("redrive-me");
    long id = letters.openDeadLetters(1).get(0).id();

    assertThat(letters.markRedriven(id, clock.instant())).isTrue();
    assertThat(letters.markRedriven(id, clock.instant())).isFalse();

    assertThat(letters.openDeadLetters(10)).isEmpty();
    assertThat(letters.findDeadLetter(id))
        .hasValueSatisfying(e -> assertThat(e.redrivenAt()).isEqualTo(clock.instant()));
    assertThat(store.deadLetters(10)).hasSize(1);
  }

  @Test
  void aDiscardedLetterIsGoneAndDiscardingItAgainSaysSo() {
    recordDead("discard-me");
    long id = letters.openDeadLetters(1).get(0).id();

    assertThat(letters.discardDeadLetter(id)).isTrue();
    assertThat(letters.discardDeadLetter(id)).isFalse();

    assertThat(letters.findDeadLetter(id)).isEmpty();
    assertThat(letters.openDeadLetters(10)).isEmpty();
    assertThat(letters.markRedriven(id, clock.instant())).isFalse();
  }

  @Test
  void statsCountEveryStateBucketFinishedTasksPerMinuteAndInterpolatePercentiles() {
    Instant minuteA = toNextMinute();
    run(Duration.ofSeconds(1), TaskState.SUCCEEDED);
    run(Duration.ofSeconds(2), TaskState.FAILED);
    Instant minuteB = toNextMinute();
    run(Duration.ofSeconds(3), TaskState.SUCCEEDED);
    submitted();

    TaskStats all = statistics.stats(minuteA);

    assertThat(all.counts())
        .containsEntry(TaskState.SUCCEEDED, 2L)
        .containsEntry(TaskState.FAILED, 1L)
        .containsEntry(TaskState.PENDING, 1L)
        .containsEntry(TaskState.DEAD, 0L);
    assertThat(all.perMinute())
        .containsExactly(
            new ThroughputBucket(minuteA, 1, 1, 0), new ThroughputBucket(minuteB, 1, 0, 0));
    assertThat(all.p50()).isEqualTo(Duration.ofSeconds(2));
    assertThat(all.p95()).isEqualTo(Duration.ofMillis(2900));
    assertThat(all.p99()).isEqualTo(Duration.ofMillis(2980));

    TaskStats recent = statistics.stats(minuteB);
    assertThat(recent.perMinute()).containsExactly(new ThroughputBucket(minuteB, 1, 0, 0));
    assertThat(recent.p50()).isEqualTo(Duration.ofSeconds(3));
    assertThat(recent.counts()).containsEntry(TaskState.SUCCEEDED, 2L);
  }

  @Test
  void statsOfAnEmptyWindowHaveNoBucketsAndNoPercentiles() {
    submitted();

    TaskStats stats = statistics.stats(clock.instant().plusSeconds(60));

    assertThat(stats.perMinute()).isEmpty();
    assertThat(stats.p50()).isNull();
    assertThat(stats.p99()).isNull();
    assertThat(stats.counts()).containsEntry(TaskState.PENDING, 1L);
  }

  @Test
  void queueActivityCountsSubmissionsAndFinishesPerQueueSinceTheStartOfTheWindow() { // #6
    run(Duration.ofSeconds(1), TaskState.SUCCEEDED); // before the window: not counted
    Instant since = clock.advance(Duration.ofSeconds(10));
    run(Duration.ofSeconds(1), TaskState.SUCCEEDED);
    run(Duration.ofSeconds(1), TaskState.FAILED);
    submitted();
    TaskMessage other = submittedTo("operator-other");
    await(store.recordStarted(other, WORKER, clock.instant()));

    assertThat(statistics.queueActivity(since))
        .containsExactly(
            new QueueActivity("operator", 3, 2), new QueueActivity("operator-other", 1, 0));
    assertThat(statistics.queueActivity(clock.instant().plusSeconds(1))).isEmpty();
  }

  @Test
  void changeFeedListsEveryTaskByItsLastChangeAndPagesWithoutSkippingOrRepeating() { // #6
    TaskChangeFeed feed = (TaskChangeFeed) store;
    List<TaskMessage> tasks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      tasks.add(submitted()); // several tasks may share one stamp: the id breaks the tie
    }
    clock.advance(Duration.ofSeconds(1));
    await(store.recordStarted(tasks.get(1), WORKER, clock.instant()));

    List<TaskChangeFeed.TaskChange> pages = new ArrayList<>();
    // The store stamps changes with its own time (PostgreSQL: the database's), and it is empty.
    Instant at = Instant.EPOCH;
    TaskId after = TaskChangeFeed.FIRST_ID;
    List<TaskChangeFeed.TaskChange> page;
    do {
      page = feed.changesAfter(at, after, 2);
      pages.addAll(page);
      if (!page.isEmpty()) {
        at = page.getLast().changedAt();
        after = page.getLast().task().id();
      }
    } while (page.size() == 2);

    assertThat(pages).extracting(c -> c.task().id()).doesNotHaveDuplicates().hasSize(5);
    assertThat(pages.getLast().task().id()).isEqualTo(tasks.get(1).id());
    assertThat(pages.getLast().task().state()).isEqualTo(TaskState.STARTED);
    assertThat(feed.changesAfter(pages.getLast().changedAt(), tasks.get(1).id(), 10)).isEmpty();
  }

  // --- fixtures ----------------------------------------------------------------------------

  private Instant toNextMinute() {
    Instant now = clock.instant();
    Instant next = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
    clock.advance(Duration.between(now, next.plusSeconds(5)));
    return next;
  }

  private void run(Duration runTime, TaskState outcome) {
    TaskMessage m = submitted();
    await(store.recordStarted(m, WORKER, clock.instant()));
    clock.advance(runTime);
    TaskCompletion end =
        outcome == TaskState.SUCCEEDED
            ? TaskCompletion.succeeded(
                m.id(), 1, JsonNodeFactory.instance.textNode("ok"), clock.instant(), WORKER)
            : TaskCompletion.failed(
                m.id(),
                1,
                outcome,
                FailureInfo.reason("java.lang.IllegalStateException", "boom"),
                clock.instant(),
                WORKER,
                null);
    assertThat(await(store.recordFinished(end)).applied()).isTrue();
  }

  private TaskMessage submitted() {
    return submittedTo("operator");
  }

  private TaskMessage submittedTo(String queue) {
    TaskMessage m =
        new TaskMessage(
            TaskMessage.CURRENT_VERSION,
            TaskId.generate(clock),
            "operator.task",
            JsonNodeFactory.instance.arrayNode().add(1),
            queue,
            1,
            null,
            null,
            0,
            null,
            Map.of(),
            clock.instant());
    await(store.recordSubmitted(m));
    return m;
  }

  private void recordDead(String body) {
    await(
        store.recordDead(
            new DeadLetter(
                null,
                "operator",
                body.getBytes(StandardCharsets.UTF_8),
                FailureInfo.reason("celeriac.Malformed", "not a message"),
                1,
                clock.instant())));
  }

  private static String body(DeadLetter letter) {
    return new String(letter.body(), StandardCharsets.UTF_8);
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("store operation did not commit: " + e, e);
    }
  }
}
