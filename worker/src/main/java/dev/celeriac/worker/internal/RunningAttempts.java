package dev.celeriac.worker.internal;

import dev.celeriac.api.TaskId;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attempts whose bodies run now, each with the signal that terminates it, so a revocation with
 * terminate can reach the attempt of its task. One task id may run twice at once on one worker (a
 * redelivery while the first run goes on); a termination reaches both. Thread-safe.
 */
public final class RunningAttempts {
  // Keyed by the signal itself (identity), so two runs of one id stay apart.
  private final Map<CompletableFuture<AttemptResult>, TaskId> running = new ConcurrentHashMap<>();

  /** Registers a running attempt of {@code id}; completing the returned signal terminates it. */
  CompletableFuture<AttemptResult> register(TaskId id) {
    var signal = new CompletableFuture<AttemptResult>();
    running.put(signal, id);
    return signal;
  }

  /** Forgets an attempt once its body ended or was given up. */
  void unregister(CompletableFuture<AttemptResult> signal) {
    running.remove(signal);
  }

  /** The ids of the tasks whose attempts run now. */
  public Set<TaskId> ids() {
    return Set.copyOf(running.values());
  }

  /**
   * Signals every running attempt of {@code ids} to stop as revoked.
   *
   * @return how many attempts were signalled
   */
  public int terminate(Collection<TaskId> ids) {
    int signalled = 0;
    for (var entry : running.entrySet()) {
      if (ids.contains(entry.getValue()) && entry.getKey().complete(new AttemptResult.Revoked())) {
        signalled++;
      }
    }
    return signalled;
  }
}
