package dev.celeriac.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The faults of one run, drawn from a seeded random generator before the run starts, so a seed
 * printed by a failed run replays the same schedule ({@code -Dfaults.seed=…}): one fault every
 * 2.5–4 s until the window closes, each of a kind and with a pause drawn from the same generator.
 *
 * @param seed the seed it was drawn from
 * @param faults the faults in the order they strike
 */
record FaultSchedule(long seed, List<Planned> faults) {

  /** The kinds of fault, each done to the run's own processes, proxies and servers only. */
  enum Kind {
    /** SIGKILL a worker process; a new one starts after the pause. */
    KILL_WORKER,
    /** SIGTERM a worker process (it drains within its 5 s grace); a new one starts after. */
    STOP_WORKER,
    /** SIGKILL the leading coordinator; the standby takes over, a new standby starts. */
    KILL_LEADER,
    /** {@code pg_terminate_backend} on every other connection to the test's database. */
    TERMINATE_DATABASE_CONNECTIONS,
    /** The test's PostgreSQL stopped and started again on the same data after the pause. */
    RESTART_DATABASE,
    /** No byte between the processes and PostgreSQL for the pause. */
    PAUSE_DATABASE_NETWORK,
    /** Every connection between the processes and the broker closed. */
    DROP_BROKER_CONNECTIONS,
    /** The broker restarted (or, for the shared RabbitMQ, refused for the pause). */
    RESTART_BROKER,
    /** No byte between the processes and the broker for the pause. */
    PAUSE_BROKER_NETWORK
  }

  /**
   * One fault.
   *
   * @param at when it strikes, from the start of the window
   * @param kind what it does
   * @param pause how long the victim stays down or the network stays paused
   * @param pick which worker it hits, when it hits one (an index modulo the workers)
   */
  record Planned(Duration at, Kind kind, Duration pause, int pick) {
    @Override
    public String toString() {
      return "%6.1fs %-30s pause %.1fs"
          .formatted(at.toMillis() / 1000.0, kind, pause.toMillis() / 1000.0);
    }
  }

  /**
   * Draws the faults of a window of {@code window} from {@code seed}. Kinds come in shuffled rounds
   * of all of them, so a window with room for nine faults has every kind at least once.
   */
  static FaultSchedule draw(long seed, Duration window) {
    Random random = new Random(seed);
    List<Planned> faults = new ArrayList<>();
    List<Kind> round = new ArrayList<>();
    long at = 1_000 + random.nextInt(1_000);
    while (at < window.toMillis()) {
      if (round.isEmpty()) {
        round.addAll(List.of(Kind.values()));
        Collections.shuffle(round, random);
      }
      Kind kind = round.removeLast();
      Duration pause = Duration.ofMillis(1_000 + random.nextInt(3_000));
      faults.add(new Planned(Duration.ofMillis(at), kind, pause, random.nextInt(1_000)));
      at += 2_500 + random.nextInt(1_500);
    }
    return new FaultSchedule(seed, List.copyOf(faults));
  }

  /** The schedule as lines for the log. */
  String describe() {
    StringBuilder out = new StringBuilder("fault schedule, seed " + seed + ":\n");
    faults.forEach(fault -> out.append("  ").append(fault).append('\n'));
    return out.toString();
  }
}
