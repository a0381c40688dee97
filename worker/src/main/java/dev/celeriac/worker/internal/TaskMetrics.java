package dev.celeriac.worker.internal;

import dev.celeriac.api.TaskMessage;
import dev.celeriac.worker.AttemptListener;
import dev.celeriac.worker.DeliveryOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The worker's Micrometer meters: per task name, counters of started, succeeded, failed and retried
 * attempts and a timer (with a percentile histogram) of their duration; per queue, the time from
 * submission to start and a counter of deliveries by outcome; the in-flight gauge. All carry the
 * tag {@code worker}. Thread-safe.
 */
public final class TaskMetrics implements AttemptListener {
  /** Counter of attempts started, tagged {@code task}. */
  public static final String STARTED = "celeriac.tasks.started";

  /** Counter of attempts that succeeded, tagged {@code task}. */
  public static final String SUCCEEDED = "celeriac.tasks.succeeded";

  /** Counter of attempts that failed for good, tagged {@code task}. */
  public static final String FAILED = "celeriac.tasks.failed";

  /** Counter of attempts that failed or timed out with a retry scheduled, tagged {@code task}. */
  public static final String RETRIED = "celeriac.tasks.retried";

  /** Timer of attempt bodies, tagged {@code task} and {@code outcome}. */
  public static final String DURATION = "celeriac.tasks.duration";

  /** Timer from submission to the start of an attempt, tagged {@code queue}. */
  public static final String QUEUE_WAIT = "celeriac.tasks.queue.wait";

  /** Counter of deliveries by {@code queue} and {@code outcome}. */
  public static final String DELIVERIES = "celeriac.worker.deliveries";

  /** Gauge of deliveries in flight. */
  public static final String IN_FLIGHT = "celeriac.worker.in.flight";

  private final MeterRegistry registry;
  private final String workerId;

  /**
   * Meters in {@code registry}, tagged with {@code workerId}, the gauge reading {@code inFlight}.
   */
  public TaskMetrics(MeterRegistry registry, String workerId, Supplier<Number> inFlight) {
    this.registry = registry;
    this.workerId = workerId;
    Gauge.builder(IN_FLIGHT, inFlight)
        .description("Deliveries being processed")
        .tag("worker", workerId)
        .register(registry);
  }

  @Override
  public void attemptStarted(TaskMessage message, Instant startedAt) {
    counter(STARTED, message).increment();
    Duration wait = Duration.between(message.submittedAt(), startedAt);
    Timer.builder(QUEUE_WAIT)
        .description("Time from submission to the start of an attempt")
        .tags("worker", workerId, "queue", message.queue())
        .register(registry)
        .record(wait.isNegative() ? Duration.ZERO : wait);
  }

  @Override
  public void attemptFinished(TaskMessage message, DeliveryOutcome outcome, Duration duration) {
    switch (outcome) {
      case SUCCEEDED -> counter(SUCCEEDED, message).increment();
      case FAILED -> counter(FAILED, message).increment();
      case RETRY_SCHEDULED, TIMED_OUT -> counter(RETRIED, message).increment();
      case EXPIRED, RESCHEDULED, DEAD, REVOKED, SKIPPED_ALREADY_FINISHED, RELEASED -> {}
    }
    Timer.builder(DURATION)
        .description("Duration of attempt bodies")
        .tags("worker", workerId, "task", message.task(), "outcome", outcome.name())
        .publishPercentileHistogram()
        .register(registry)
        .record(duration);
  }

  /** Counts one delivery of {@code queue} that ended with {@code outcome}. */
  public void delivered(String queue, DeliveryOutcome outcome) {
    Counter.builder(DELIVERIES)
        .description("Deliveries by outcome")
        .tags("worker", workerId, "queue", queue, "outcome", outcome.name())
        .register(registry)
        .increment();
  }

  private Counter counter(String name, TaskMessage message) {
    return Counter.builder(name)
        .tags("worker", workerId, "task", message.task())
        .register(registry);
  }
}
