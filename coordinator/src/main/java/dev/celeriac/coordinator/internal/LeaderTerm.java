package dev.celeriac.coordinator.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One period of leadership: the leader's loops, each on its own platform thread, running while the
 * term is active. {@link #stop()} ends the term at once: steps see {@code leading} turn false
 * between fires and batches, waits and publishes are interrupted.
 */
public final class LeaderTerm {
  private static final Logger log = LoggerFactory.getLogger(LeaderTerm.class);
  private static final Duration JOIN_PATIENCE = Duration.ofSeconds(2);

  /** One step of a loop; returns how long to wait before the next step. */
  @FunctionalInterface
  public interface Step {
    /** Runs one step while {@code leading} holds; returns the wait before the next one. */
    Duration run(BooleanSupplier leading);
  }

  /**
   * A loop of the term.
   *
   * @param name the thread name suffix
   * @param step what it does
   * @param wakeup ends its wait early
   * @param errorPause the wait after a step failed
   */
  public record Loop(String name, Step step, Wakeup wakeup, Duration errorPause) {}

  private final List<Loop> loops;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean active;

  /** A term that will run {@code loops}. */
  public LeaderTerm(List<Loop> loops) {
    this.loops = List.copyOf(loops);
  }

  /** Starts every loop. Called once. */
  public synchronized void start() {
    active = true;
    for (Loop loop : loops) {
      threads.add(
          Thread.ofPlatform()
              .name("celeriac-coordinator-" + loop.name())
              .daemon(true)
              .start(() -> run(loop)));
    }
  }

  /** Whether the term still runs. */
  public boolean isActive() {
    return active;
  }

  private void run(Loop loop) {
    while (active) {
      Duration wait;
      try {
        wait = loop.step().run(this::isActive);
      } catch (RuntimeException e) {
        if (!active) {
          break;
        }
        log.warn("coordinator {} step failed; retrying in {}", loop.name(), loop.errorPause(), e);
        wait = loop.errorPause();
      }
      try {
        loop.wakeup().await(wait);
      } catch (InterruptedException e) {
        break;
      }
    }
    log.debug("coordinator {} loop stopped", loop.name());
  }

  /**
   * Ends the term: marks it inactive, interrupts the loops and waits briefly for them. Idempotent.
   */
  public synchronized void stop() {
    active = false;
    threads.forEach(Thread::interrupt);
    for (Thread thread : threads) {
      try {
        if (!thread.join(JOIN_PATIENCE)) {
          log.warn("{} still running {} after leadership ended", thread.getName(), JOIN_PATIENCE);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
