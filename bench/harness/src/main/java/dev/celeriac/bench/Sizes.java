package dev.celeriac.bench;

import java.time.Duration;

/**
 * How big each scenario is in a mode. Quick mode keeps a whole run of both brokers near 5 minutes
 * on a 2-core machine; full mode near 15.
 *
 * @param tasks no-op tasks per throughput run (scenarios 1 and 2)
 * @param runs runs of each repeated scenario
 * @param latencyRuns runs of the latency scenario (a worker process each, both rates)
 * @param latencyPhase how long each latency rate is measured
 * @param sleepers tasks sleeping 1 s in scenario 4
 * @param sleepersTimeout how long scenario 4 may take before its row says it did not finish
 * @param delayed eta tasks in scenario 6
 * @param delaySpread how far apart the first and last eta of scenario 6 are
 * @param celeryTasks tasks per Celery throughput run
 */
record Sizes(
    int tasks,
    int runs,
    int latencyRuns,
    Duration latencyPhase,
    int sleepers,
    Duration sleepersTimeout,
    int delayed,
    Duration delaySpread,
    int celeryTasks) {

  /** The sizes of {@code bench/run --quick}. */
  static final Sizes QUICK =
      new Sizes(
          3_000,
          3,
          2,
          Duration.ofSeconds(6),
          10_000,
          Duration.ofSeconds(90),
          1_000,
          Duration.ofSeconds(10),
          1_000);

  /** The sizes of a full run. */
  static final Sizes FULL =
      new Sizes(
          10_000,
          5,
          2,
          Duration.ofSeconds(15),
          100_000,
          Duration.ofSeconds(150),
          1_000,
          Duration.ofSeconds(20),
          2_000);

  /** These sizes with {@code tasks} and {@code runs} replaced where given (0 keeps them). */
  Sizes with(int tasks, int runs) {
    return new Sizes(
        tasks > 0 ? tasks : this.tasks,
        runs > 0 ? runs : this.runs,
        runs > 0 ? Math.min(runs, latencyRuns) : latencyRuns,
        latencyPhase,
        sleepers,
        sleepersTimeout,
        delayed,
        delaySpread,
        celeryTasks);
  }
}
