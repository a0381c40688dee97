package dev.celeriac.api.spi;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.TaskId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A message that could not run, kept with its bytes so it can be re-driven after a fix.
 *
 * @param taskId the task id, if the message carried a readable one
 * @param queue the queue it came from
 * @param body the message bytes as received
 * @param reason why it cannot run
 * @param deliveryCount how many times the broker had delivered it
 * @param at when it was dead-lettered
 */
public record DeadLetter(
    @Nullable TaskId taskId,
    String queue,
    byte[] body,
    FailureInfo reason,
    int deliveryCount,
    Instant at) {
  /** Validates the fields. */
  public DeadLetter {
    requireNonNull(queue, "queue");
    requireNonNull(body, "body");
    requireNonNull(reason, "reason");
    requireNonNull(at, "at");
  }
}
