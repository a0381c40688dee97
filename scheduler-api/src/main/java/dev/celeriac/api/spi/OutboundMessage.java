package dev.celeriac.api.spi;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
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

  /**
   * The broker header that repeats the task id; every broker sets it on publish, and {@link
   * Delivery#headers()} returns it, so routing and dead-lettering need no body parse.
   */
  public static final String ID_HEADER = "celeriac-task-id";

  /** The broker header that repeats the task name, set and returned like {@link #ID_HEADER}. */
  public static final String TASK_HEADER = "celeriac-task";

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

  /**
   * The broker message for {@code message} as encoded in {@code body}: its queue, id, name and
   * priority, and no further headers.
   */
  public static OutboundMessage of(TaskMessage message, byte[] body) {
    return new OutboundMessage(
        message.queue(), message.id(), message.task(), message.priority(), body, Map.of());
  }
}
