package dev.celeriac.worker.internal;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps that take a worker's deliveries out of its hands without losing one: stop polling, wait
 * for the tasks in flight up to the grace (or until {@link InFlightDeliveries#wakeWaiters()}), and
 * if some are still running, close the consumers, which stop acquiring and give back everything
 * unsettled, before interrupting those tasks. Consumers (broker consumers are idempotent to close)
 * are closed in the end in every case.
 *
 * <p>Closing before interrupting matters: a consumer that is still open may acquire a delivery the
 * moment a task releases it, only to give it back again when it closes; on Kafka each such round
 * raises the record's delivery count, until the next worker takes it for poison.
 */
public final class DrainSequence {
  private static final Logger log = LoggerFactory.getLogger(DrainSequence.class);

  private final String workerId;
  private final List<QueuePoller> pollers;
  private final InFlightDeliveries inFlight;
  private final Duration pollerPatience;
  private final Duration releasePatience;

  /**
   * A drain of {@code pollers} and {@code inFlight}, giving each poller {@code pollerPatience} to
   * stop and interrupted tasks {@code releasePatience} to release their deliveries.
   */
  public DrainSequence(
      String workerId,
      List<QueuePoller> pollers,
      InFlightDeliveries inFlight,
      Duration pollerPatience,
      Duration releasePatience) {
    this.workerId = workerId;
    this.pollers = List.copyOf(pollers);
    this.inFlight = inFlight;
    this.pollerPatience = pollerPatience;
    this.releasePatience = releasePatience;
  }

  /**
   * Runs the drain; returns when every consumer is closed.
   *
   * @return true if every task in flight finished within {@code grace}
   */
  public boolean run(Duration grace) {
    boolean finished = false;
    try {
      for (QueuePoller poller : pollers) {
        poller.stop(pollerPatience);
      }
      log.info("Worker {} draining {} task(s) for up to {}", workerId, inFlight.size(), grace);
      finished = inFlight.awaitEmpty(grace);
      if (!finished) {
        pollers.forEach(QueuePoller::closeConsumer);
        releaseRemaining();
      }
    } catch (InterruptedException e) {
      inFlight.interruptAll();
      Thread.currentThread().interrupt();
    } finally {
      pollers.forEach(QueuePoller::closeConsumer);
    }
    return finished;
  }

  private void releaseRemaining() throws InterruptedException {
    int interrupted = inFlight.interruptAll();
    log.warn(
        "Worker {} interrupts {} task(s) still running; their deliveries went back with the consumers",
        workerId,
        interrupted);
    if (!inFlight.awaitAllEnded(releasePatience)) {
      log.warn(
          "{} deliveries did not finish releasing within {}; closing the consumers gives them back",
          inFlight.size(),
          releasePatience);
    }
  }
}
