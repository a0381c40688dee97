package dev.celeriac.worker;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Drains a worker when the JVM is asked to stop (SIGTERM, SIGINT, {@code System.exit}): a shutdown
 * hook that calls {@link Worker#drain(Duration)}. A second signal during the drain cannot reach the
 * hook (the JVM runs hooks once), so the grace should stay below the orchestrator's kill timeout
 * (Kubernetes: {@code terminationGracePeriodSeconds}, 30 s by default).
 */
public final class WorkerShutdownHook {
  private WorkerShutdownHook() {}

  /**
   * Registers a hook that drains {@code worker} for up to {@code grace}.
   *
   * @return the hook's thread, for {@link Runtime#removeShutdownHook(Thread)}
   * @throws IllegalStateException if the JVM is already shutting down
   */
  public static Thread install(Worker worker, Duration grace) {
    Thread hook = hookFor(worker, grace);
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  /** The unstarted hook thread that drains {@code worker} for up to {@code grace}. */
  public static Thread hookFor(Worker worker, Duration grace) {
    requireNonNull(worker, "worker");
    requireNonNull(grace, "grace");
    return Thread.ofPlatform()
        .name("celeriac-worker-shutdown")
        .unstarted(() -> worker.drain(grace));
  }
}
