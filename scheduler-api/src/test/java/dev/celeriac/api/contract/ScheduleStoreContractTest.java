package dev.celeriac.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.celeriac.api.MisfirePolicy;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.Schedule;
import dev.celeriac.api.spi.ScheduleFire;
import dev.celeriac.api.spi.ScheduleSource;
import dev.celeriac.api.spi.ScheduleStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ScheduleStore} keeps (STYLE rule 4), one test per promise of its
 * Javadoc: upserts keep the progress of unchanged schedules; pause, resume and delete; due
 * schedules; conditional advance; a fire is claimed exactly once, also by racing claimers; and
 * unpublished claims stay listed until marked published.
 *
 * <p>An implementation's test extends this class and returns from {@link #newStore()} an
 * <em>empty</em> store (for a database: freshly truncated schedule tables).
 */
public abstract class ScheduleStoreContractTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private final String token = UUID.randomUUID().toString().substring(0, 8);
  private ScheduleStore store;

  /** A new, empty store. */
  protected abstract ScheduleStore newStore();

  @BeforeEach
  final void openStore() {
    store = newStore();
  }

  private Schedule aSchedule(String name, String cron, Instant next) {
    return new Schedule(
        name,
        "contract." + token + ".task",
        null,
        JsonNodeFactory.instance.arrayNode().add("x").add(1),
        2,
        cron,
        ZoneId.of("Europe/Berlin"),
        MisfirePolicy.CATCH_UP,
        false,
        ScheduleSource.CODE,
        next,
        null);
  }

  private String name(String suffix) {
    return "contract-" + token + "-" + suffix;
  }

  @Test
  void upsertedScheduleIsFoundWithEverythingItCarries() {
    Schedule schedule = aSchedule(name("a"), "0 * * * * *", T0);

    store.upsert(schedule);

    assertThat(store.find(schedule.name())).contains(schedule);
    assertThat(store.list()).containsExactly(schedule);
    assertThat(store.find(name("missing"))).isEmpty();
  }

  @Test
  void upsertWithTheSameTimingKeepsProgressPausedFlagAndLastFire() {
    Schedule first = aSchedule(name("b"), "0 * * * * *", T0);
    store.upsert(first);
    store.pause(first.name());
    store.advance(first.name(), T0, T0.plusSeconds(60), T0);

    var redeclared =
        new Schedule(
            first.name(),
            "contract.other",
            "q2",
            JsonNodeFactory.instance.arrayNode(),
            5,
            first.cron(),
            first.zone(),
            MisfirePolicy.SKIP,
            false,
            ScheduleSource.API,
            T0.plusSeconds(3600),
            null);
    store.upsert(redeclared);

    Schedule stored = store.find(first.name()).orElseThrow();
    assertThat(stored.task()).isEqualTo("contract.other");
    assertThat(stored.queue()).isEqualTo("q2");
    assertThat(stored.priority()).isEqualTo(5);
    assertThat(stored.misfirePolicy()).isEqualTo(MisfirePolicy.SKIP);
    assertThat(stored.source()).isEqualTo(ScheduleSource.API);
    assertThat(stored.paused()).isTrue();
    assertThat(stored.nextFireTime()).isEqualTo(T0.plusSeconds(60));
    assertThat(stored.lastFireTime()).isEqualTo(T0);
  }

  @Test
  void upsertWithANewCronOrZoneTakesTheGivenNextFireTime() {
    store.upsert(aSchedule(name("c"), "0 * * * * *", T0));

    store.upsert(aSchedule(name("c"), "30 * * * * *", T0.plusSeconds(30)));

    assertThat(store.find(name("c")).orElseThrow().nextFireTime()).isEqualTo(T0.plusSeconds(30));
  }

  @Test
  void dueListsOnlyRunningSchedulesWhoseNextFireTimeHasCome() {
    store.upsert(aSchedule(name("late"), "0 * * * * *", T0.minusSeconds(10)));
    store.upsert(aSchedule(name("now"), "0 * * * * *", T0));
    store.upsert(aSchedule(name("future"), "0 * * * * *", T0.plusSeconds(1)));
    store.upsert(aSchedule(name("paused"), "0 * * * * *", T0.minusSeconds(20)));
    store.upsert(aSchedule(name("never"), "0 * * * * *", null));
    store.pause(name("paused"));

    assertThat(store.due(T0, 10))
        .extracting(Schedule::name)
        .containsExactly(name("late"), name("now"));
    assertThat(store.due(T0, 1)).extracting(Schedule::name).containsExactly(name("late"));
  }

  @Test
  void pauseResumeAndDeleteReportUnknownNames() {
    store.upsert(aSchedule(name("d"), "0 * * * * *", T0));

    assertThat(store.pause(name("d"))).isTrue();
    assertThat(store.find(name("d")).orElseThrow().paused()).isTrue();
    assertThat(store.resume(name("d"), T0.plusSeconds(120))).isTrue();
    Schedule resumed = store.find(name("d")).orElseThrow();
    assertThat(resumed.paused()).isFalse();
    assertThat(resumed.nextFireTime()).isEqualTo(T0.plusSeconds(120));
    assertThat(store.delete(name("d"))).isTrue();
    assertThat(store.find(name("d"))).isEmpty();

    assertThat(store.pause(name("d"))).isFalse();
    assertThat(store.resume(name("d"), T0)).isFalse();
    assertThat(store.delete(name("d"))).isFalse();
  }

  @Test
  void resumingARunningScheduleChangesNothing() {
    store.upsert(aSchedule(name("e"), "0 * * * * *", T0));

    assertThat(store.resume(name("e"), T0.plusSeconds(600))).isTrue();

    assertThat(store.find(name("e")).orElseThrow().nextFireTime()).isEqualTo(T0);
  }

  @Test
  void advanceAppliesOnlyWhenTheNextFireTimeIsStillTheExpectedOne() {
    store.upsert(aSchedule(name("f"), "0 * * * * *", T0));

    assertThat(store.advance(name("f"), T0, T0.plusSeconds(60), T0)).isTrue();
    assertThat(store.advance(name("f"), T0, T0.plusSeconds(120), T0.plusSeconds(60))).isFalse();
    assertThat(store.advance(name("f"), T0.plusSeconds(60), T0.plusSeconds(120), null)).isTrue();

    Schedule stored = store.find(name("f")).orElseThrow();
    assertThat(stored.nextFireTime()).isEqualTo(T0.plusSeconds(120));
    assertThat(stored.lastFireTime()).isEqualTo(T0);
  }

  @Test
  void aFireIsClaimedOnlyOnce() {
    var fire = new ScheduleFire(name("g"), T0, TaskId.generate(), T0, null);

    assertThat(store.claimFire(fire)).isTrue();
    assertThat(store.claimFire(new ScheduleFire(name("g"), T0, TaskId.generate(), T0, null)))
        .isFalse();
    assertThat(
            store.claimFire(new ScheduleFire(name("g"), T0.plusMillis(1), fire.taskId(), T0, null)))
        .isTrue();
  }

  @Test
  void racingClaimersOfOneFireHaveExactlyOneWinner() throws Exception {
    Instant fireTime = T0.plus(7, ChronoUnit.MINUTES);
    List<Callable<Boolean>> claimers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      claimers.add(
          () ->
              store.claimFire(new ScheduleFire(name("h"), fireTime, TaskId.generate(), T0, null)));
    }
    try (var pool = Executors.newFixedThreadPool(8)) {
      List<Boolean> results = new ArrayList<>();
      for (Future<Boolean> result : pool.invokeAll(claimers)) {
        results.add(result.get());
      }
      assertThat(results).containsOnlyOnce(true);
    }
  }

  @Test
  void claimedFiresStayUnpublishedUntilMarked() {
    var first = new ScheduleFire(name("i"), T0, TaskId.generate(), T0, null);
    var second =
        new ScheduleFire(name("i"), T0.plusSeconds(1), TaskId.generate(), T0.plusSeconds(1), null);
    store.claimFire(first);
    store.claimFire(second);

    assertThat(store.unpublishedFires(10)).containsExactly(first, second);

    store.markPublished(name("i"), T0, T0.plusSeconds(2));

    assertThat(store.unpublishedFires(10)).containsExactly(second);
    assertThat(store.fires(name("i"), 10))
        .containsExactly(
            second, new ScheduleFire(name("i"), T0, first.taskId(), T0, T0.plusSeconds(2)));
    assertThat(store.fires(name("i"), 1)).containsExactly(second);
  }

  @Test
  void deletingAScheduleKeepsItsFires() {
    store.upsert(aSchedule(name("j"), "0 * * * * *", T0));
    store.claimFire(new ScheduleFire(name("j"), T0, TaskId.generate(), T0, null));

    store.delete(name("j"));

    assertThat(store.fires(name("j"), 10)).hasSize(1);
  }

  @Test
  void instantsSurviveAtMillisecondPrecision() {
    Instant precise = T0.plus(Duration.ofMillis(1234));
    store.upsert(aSchedule(name("k"), "* * * * * *", precise));
    var fire = new ScheduleFire(name("k"), precise, TaskId.generate(), precise, null);
    store.claimFire(fire);

    assertThat(store.find(name("k")).orElseThrow().nextFireTime()).isEqualTo(precise);
    assertThat(store.fires(name("k"), 1)).containsExactly(fire);
  }
}
