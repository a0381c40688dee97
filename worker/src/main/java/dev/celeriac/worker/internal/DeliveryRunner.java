package dev.celeriac.worker.internal;

import dev.celeriac.api.spi.Delivery;
import dev.celeriac.worker.AttemptProcessor;
import dev.celeriac.worker.DeliveryOutcome;

/**
 * Runs each polled delivery through the {@link AttemptProcessor} on a virtual thread of its own,
 * registered as in flight until it is settled, then counts its outcome and frees its permit. An
 * outcome that put work in the delayed table (a retry, an early eta) wakes the delayed dispatcher.
 * Thread-safe.
 */
public final class DeliveryRunner {
  private final AttemptProcessor processor;
  private final InFlightDeliveries inFlight;
  private final OutcomeCounters outcomes;
  private final TaskMetrics metrics;
  private final Runnable delayedWorkAdded;

  /**
   * A runner through {@code processor}, tracking threads in {@code inFlight}, counting in {@code
   * outcomes} and {@code metrics}, and calling {@code delayedWorkAdded} after a retry or an eta was
   * stored.
   */
  public DeliveryRunner(
      AttemptProcessor processor,
      InFlightDeliveries inFlight,
      OutcomeCounters outcomes,
      TaskMetrics metrics,
      Runnable delayedWorkAdded) {
    this.processor = processor;
    this.inFlight = inFlight;
    this.outcomes = outcomes;
    this.metrics = metrics;
    this.delayedWorkAdded = delayedWorkAdded;
  }

  /** Starts processing {@code delivery}; {@code releasePermit} runs once it is settled. */
  public void dispatch(Delivery delivery, Runnable releasePermit) {
    Thread thread =
        Thread.ofVirtual()
            .name("celeriac-delivery-" + delivery.queue())
            .unstarted(() -> run(delivery, releasePermit));
    // Registered before it starts, so a drain that begins now already waits for it.
    inFlight.enter(thread);
    thread.start();
  }

  private void run(Delivery delivery, Runnable releasePermit) {
    try {
      DeliveryOutcome outcome = processor.process(delivery);
      outcomes.count(outcome);
      metrics.delivered(delivery.queue(), outcome);
      if (outcome == DeliveryOutcome.RETRY_SCHEDULED
          || outcome == DeliveryOutcome.TIMED_OUT
          || outcome == DeliveryOutcome.RESCHEDULED) {
        delayedWorkAdded.run();
      }
    } finally {
      inFlight.exit();
      releasePermit.run();
    }
  }
}
