package dev.celeriac.api.spi;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.TaskId;
import java.util.Map;

/**
 * What a broker publishes: the encoded envelope plus the fields it repeats as broker headers, so
 * routing needs no body parse.
 *
 * @param queue the destination queue
 * @param id the task id, repeated as a header
 * @param task the task name, repeated as a header
 * @param priority 0 (lowest) to 9; brokers without priorities ignore it
 * @param body the encoded {@link dev.celeriac.api.TaskMessage}, or any bytes in tests of bad input
 * @param headers further broker headers
 */
public record OutboundMessage(
    String queue, TaskId id, String task, int priority, byte[] body, Map<String, String> headers) {
  /** Validates the fields. */
  public OutboundMessage {
    requireNonNull(queue, "queue");
    requireNonNull(id, "id");
    requireNonNull(task, "task");
    requireNonNull(body, "body");
    headers = Map.copyOf(requireNonNull(headers, "headers"));
    if (priority < 0 || priority > 9) {
      throw new IllegalArgumentException("priority must be 0..9, was " + priority);
    }
  }
}
