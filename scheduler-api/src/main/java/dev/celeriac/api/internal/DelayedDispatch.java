package dev.celeriac.api.internal;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.api.spi.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves due delayed tasks (etas and retries) from the store's delayed table to the broker: claims a
 * batch under a lease, publishes the batch concurrently, and removes the published entries. An
 * entry whose publish failed keeps its claim until the lease ends and is then claimed again, so
 * nothing is lost; a publish that succeeded but whose removal did not happen is published again (at
 * least once, same task id, which the stored state makes harmless). Several dispatchers may run at
 * once; the leases keep them apart.
 *
 * <p>The one implementation behind both the coordinator leader's dispatch loop and the worker's
 * fallback dispatcher (when no coordinator runs); each drives it on its own thread. Not
 * thread-safe: one thread calls it.
 */
public final class DelayedDispatch {
  private static final Logger log = LoggerFactory.getLogger(DelayedDispatch.class);

  /**
   * The shortest wait {@link #untilNextStep()} returns when the next entry is due already: an entry
   * that is due by the store's clock but not yet by this one (a store whose clock runs ahead) must
   * not turn a dispatch loop into a busy spin.
   */
  public static final Duration SHORTEST_WAIT = Duration.ofMillis(5);

  /**
   * How a dispatcher claims, publishes and waits.
   *
   * @param batchSize the most entries claimed per step
   * @param lease how long a claimed entry stays invisible to other dispatchers
   * @param publishTimeout how long one batch's publishes may take
   * @param longestWait the longest pause between steps when nothing signals (a safety net for
   *     entries other processes schedule)
   */
  public record Settings(
      int batchSize, Duration lease, Duration publishTimeout, Duration longestWait) {
    /** Checks the settings. */
    public Settings {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
      }
      requireNonNull(lease, "lease");
      requireNonNull(publishTimeout, "publishTimeout");
      requireNonNull(longestWait, "longestWait");
    }
  }

  private final TaskStore store;
  private final Broker broker;
  private final TaskMessageCodec codec;
  private final InstantSource clock;
  private final Settings settings;

  /** A dispatcher from {@code store}'s delayed table to {@code broker}. */
  public DelayedDispatch(
      TaskStore store,
      Broker broker,
      TaskMessageCodec codec,
      InstantSource clock,
      Settings settings) {
    this.store = requireNonNull(store, "store");
    this.broker = requireNonNull(broker, "broker");
    this.codec = requireNonNull(codec, "codec");
    this.clock = requireNonNull(clock, "clock");
    this.settings = requireNonNull(settings, "settings");
  }

  /** The settings this dispatcher runs with. */
  public Settings settings() {
    return settings;
  }

  /**
   * Dispatches one batch of due entries.
   *
   * @return how many were published; {@link Settings#batchSize()} means more may be due
   */
  public int dispatchBatch() {
    List<TaskMessage> due = store.claimDue(clock.instant(), settings.batchSize(), settings.lease());
    if (due.isEmpty()) {
      return 0;
    }
    List<CompletableFuture<Void>> publishes = new ArrayList<>(due.size());
    for (TaskMessage message : due) {
      publishes.add(publish(message));
    }
    List<TaskId> published = new ArrayList<>(due.size());
    long deadline = System.nanoTime() + settings.publishTimeout().toNanos();
    for (int i = 0; i < due.size(); i++) {
      if (awaited(publishes.get(i), deadline, due.get(i))) {
        published.add(due.get(i).id());
      }
    }
    if (!published.isEmpty()) {
      store.removeDelayed(published);
      log.debug("Dispatched {} due task(s)", published.size());
    }
    return published.size();
  }

  /**
   * How long to wait before the next step: until the next entry is due (at least {@link
   * #SHORTEST_WAIT}), at most {@link Settings#longestWait()}.
   */
  public Duration untilNextStep() {
    Instant now = clock.instant();
    return store
        .nextDue()
        .map(due -> Duration.between(now, due))
        .map(wait -> wait.compareTo(SHORTEST_WAIT) < 0 ? SHORTEST_WAIT : wait)
        .filter(wait -> wait.compareTo(settings.longestWait()) < 0)
        .orElse(settings.longestWait());
  }

  private CompletableFuture<Void> publish(TaskMessage message) {
    try {
      return broker.publish(OutboundMessage.of(message, codec.encode(message)));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private boolean awaited(CompletableFuture<Void> publish, long deadline, TaskMessage message) {
    try {
      publish.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      log.warn(
          "Could not publish due task {} ({}) to queue {}; it is claimed again after its lease: {}",
          message.id(),
          message.task(),
          message.queue(),
          e.toString());
      return false;
    }
  }
}
