package dev.celeriac.worker.internal;

import dev.celeriac.worker.DeliveryOutcome;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** How many deliveries ended with each {@link DeliveryOutcome}. Thread-safe. */
public final class OutcomeCounters {
  private final Map<DeliveryOutcome, AtomicLong> counts = new EnumMap<>(DeliveryOutcome.class);

  /** All counts at zero. */
  public OutcomeCounters() {
    for (DeliveryOutcome outcome : DeliveryOutcome.values()) {
      counts.put(outcome, new AtomicLong());
    }
  }

  /** Counts one delivery that ended with {@code outcome}. */
  public void count(DeliveryOutcome outcome) {
    counts.get(outcome).incrementAndGet();
  }

  /** How many ended with {@code outcome}. */
  public long get(DeliveryOutcome outcome) {
    return counts.get(outcome).get();
  }

  /** How many ended with any of {@code outcomes}. */
  public long sum(DeliveryOutcome... outcomes) {
    long sum = 0;
    for (DeliveryOutcome outcome : outcomes) {
      sum += get(outcome);
    }
    return sum;
  }

  /** How many were settled with an outcome: every one but the released. */
  public long processed() {
    long sum = 0;
    for (DeliveryOutcome outcome : DeliveryOutcome.values()) {
      if (outcome != DeliveryOutcome.RELEASED) {
        sum += get(outcome);
      }
    }
    return sum;
  }
}
