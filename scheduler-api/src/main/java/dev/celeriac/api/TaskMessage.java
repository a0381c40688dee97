package dev.celeriac.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The message envelope that carries one attempt of a task through a broker (DESIGN.md, Flow 3).
 * Encoded as versioned JSON by {@link TaskMessageCodec}.
 *
 * @param version envelope format version; {@link #CURRENT_VERSION} is the only one understood
 * @param id the task id, stable across retries
 * @param task the task's registered name (see {@link Task#name()}), 1..200 characters
 * @param args the call's arguments as a JSON array, one element per parameter
 * @param queue the queue it travels on, 1..200 characters
 * @param attempt the attempt number, 1 for the first run
 * @param eta the earliest time to run it, or null to run at once
 * @param expires the time after which it must not run, or null for never
 * @param priority 0..9, higher runs first where the broker supports priorities; 0 by default
 * @param timeout how long one attempt may run, a positive whole number of milliseconds, or null for
 *     no limit
 * @param headers trace context, parent/root/group ids, idempotency key and user headers
 * @param submittedAt when the client submitted it
 */
public record TaskMessage(
    int version,
    TaskId id,
    String task,
    ArrayNode args,
    String queue,
    int attempt,
    @Nullable Instant eta,
    @Nullable Instant expires,
    int priority,
    @Nullable Duration timeout,
    Map<String, String> headers,
    Instant submittedAt) {

  /** The envelope version this build writes and reads. */
  public static final int CURRENT_VERSION = 1;

  /** Header that carries the idempotency key of a submission. */
  public static final String IDEMPOTENCY_KEY_HEADER = "idempotency-key";

  /** The longest task or queue name, in characters; the codec enforces the same bound. */
  static final int MAX_NAME_LENGTH = 200;

  /** Validates the envelope; every violation names the field. */
  public TaskMessage {
    requireNonNull(id, "id");
    requireNonNull(task, "task");
    requireNonNull(args, "args");
    requireNonNull(queue, "queue");
    requireNonNull(submittedAt, "submittedAt");
    checkName("task", task);
    checkName("queue", queue);
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
    }
    // The codec refuses what it could not read back, so every encodable envelope decodes.
    if (priority < 0 || priority > 9) {
      throw new IllegalArgumentException("priority must be 0..9, was " + priority);
    }
    if (timeout != null) {
      checkTimeout(timeout);
    }
    headers = Map.copyOf(requireNonNull(headers, "headers"));
    args = args.deepCopy();
  }

  private static void checkName(String field, String value) {
    if (value.isBlank() || value.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          field + " must be 1.." + MAX_NAME_LENGTH + " non-blank characters, was '" + value + "'");
    }
  }

  // The envelope carries timeoutMs: a timeout must be a positive whole number of milliseconds
  // that fits a long, or it would be encoded as 0 (rejected on decoding) or overflow.
  private static void checkTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    if (timeout.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          "timeout must be a whole number of milliseconds, was " + timeout);
    }
    if (timeout.compareTo(Duration.ofMillis(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("timeout is too long to encode: " + timeout);
    }
  }

  /** This message for the next attempt, to run no earlier than {@code nextEta}. */
  public TaskMessage nextAttempt(@Nullable Instant nextEta) {
    return new TaskMessage(
        version,
        id,
        task,
        args,
        queue,
        attempt + 1,
        nextEta,
        expires,
        priority,
        timeout,
        headers,
        submittedAt);
  }

  /** This message to run no earlier than {@code newEta} (null: at once). */
  public TaskMessage withEta(@Nullable Instant newEta) {
    return new TaskMessage(
        version,
        id,
        task,
        args,
        queue,
        attempt,
        newEta,
        expires,
        priority,
        timeout,
        headers,
        submittedAt);
  }

  /** True if the message has an expiry and {@code now} is past it. */
  public boolean isExpiredAt(Instant now) {
    return expires != null && now.isAfter(expires);
  }

  /** True if the message has an eta later than {@code now}. */
  public boolean isDueLaterThan(Instant now) {
    return eta != null && eta.isAfter(now);
  }
}
