package dev.celeriac.api.spi;

import dev.celeriac.api.TaskId;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One received message, to be settled exactly once with {@link #ack}, {@link #release} or {@link
 * #reject}. Settling twice is an {@link IllegalStateException}. Methods may be called from any
 * thread; the returned futures complete on a broker thread and callers must not block in them.
 */
public interface Delivery {

  /** The queue it came from. */
  String queue();

  /** The raw envelope bytes; the worker decodes them, so undecodable ones can be dead-lettered. */
  byte[] body();

  /** Broker headers, including the task id and name repeated from the envelope. */
  Map<String, String> headers();

  /** The task id from the broker header, or null if the header is missing or not an id. */
  @Nullable TaskId taskId();

  /** How many times the broker has delivered this message, 1 on the first delivery. */
  int deliveryCount();

  /** Done: the broker forgets the message. Call only after the outcome is durably recorded. */
  CompletableFuture<Void> ack();

  /** Give it back for redelivery to any consumer (shutdown, or a retry that goes back at once). */
  CompletableFuture<Void> release();

  /**
   * Never deliver it again: the broker moves it to its dead-letter place where it has one. Call
   * only after the task was recorded as {@link dev.celeriac.api.TaskState#DEAD} in the store, so
   * nothing vanishes.
   */
  CompletableFuture<Void> reject();
}
