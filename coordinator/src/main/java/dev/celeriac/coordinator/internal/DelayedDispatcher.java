package dev.celeriac.coordinator.internal;

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
 * Moves due delayed tasks to the broker: claims a batch under a lease, publishes the batch
 * concurrently, and removes the published entries. An entry whose publish failed keeps its claim
 * until the lease ends and is then claimed again, so nothing is lost; a publish that succeeded but
 * whose removal did not happen is published again (at least once, same task id).
 */
public final class DelayedDispatcher {
  private static final Logger log = LoggerFactory.getLogger(DelayedDispatcher.class);
  private static final TaskMessageCodec CODEC = new TaskMessageCodec();

  /**
   * The dispatcher's knobs.
   *
   * @param batchSize the most entries claimed per step
   * @param lease how long a claimed entry stays invisible to other dispatchers
   * @param publishTimeout how long one batch's publishes may take
   * @param longestWait the longest pause between steps when nothing signals (a safety net)
   */
  public record Settings(
      int batchSize, Duration lease, Duration publishTimeout, Duration longestWait) {}

  private final TaskStore store;
  private final Broker broker;
  private final InstantSource clock;
  private final Settings settings;

  /** A dispatcher from {@code store}'s delayed table to {@code broker}. */
  public DelayedDispatcher(TaskStore store, Broker broker, InstantSource clock, Settings settings) {
    this.store = store;
    this.broker = broker;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * Dispatches one batch of due entries.
   *
   * @return how many were published
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
    store.removeDelayed(published);
    return published.size();
  }

  /**
   * How long to wait before the next step: zero while due entries remain, else until the next entry
   * is due, at most {@link Settings#longestWait()}.
   */
  public Duration untilNextStep() {
    Instant now = clock.instant();
    return store
        .nextDue()
        .map(due -> Duration.between(now, due))
        .map(wait -> wait.isNegative() ? Duration.ZERO : wait)
        .filter(wait -> wait.compareTo(settings.longestWait()) < 0)
        .orElse(settings.longestWait());
  }

  private CompletableFuture<Void> publish(TaskMessage message) {
    try {
      byte[] body = CODEC.encode(message);
      return broker.publish(OutboundMessage.of(message, body));
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
          "delayed task {} ({}) was not published; it is retried when its lease ends",
          message.id(),
          message.task(),
          e);
      return false;
    }
  }
}
