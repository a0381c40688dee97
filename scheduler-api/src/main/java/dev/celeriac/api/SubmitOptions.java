package dev.celeriac.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Per-call options of a submission; each one left unset falls back to the task's {@link Task}
 * annotation, then to Celeriac's default. Immutable; build with {@link #builder()}.
 *
 * @param countdown run no earlier than this long after submission (exclusive with {@code eta})
 * @param eta run no earlier than this instant (exclusive with {@code countdown})
 * @param expires do not start after this instant
 * @param expiresIn do not start later than this long after submission (exclusive with {@code
 *     expires})
 * @param priority 0..9, overriding the task's
 * @param queue the queue, overriding the task's
 * @param idempotencyKey a key the store uses to accept a repeated submission only once
 * @param headers extra headers carried with the message
 */
public record SubmitOptions(
    @Nullable Duration countdown,
    @Nullable Instant eta,
    @Nullable Instant expires,
    @Nullable Duration expiresIn,
    @Nullable Integer priority,
    @Nullable String queue,
    @Nullable String idempotencyKey,
    Map<String, String> headers) {

  /** No options: everything from the task's annotation. */
  public static final SubmitOptions NONE =
      new SubmitOptions(null, null, null, null, null, null, null, Map.of());

  /** Validates the options; each violation names the option. */
  public SubmitOptions {
    headers = Map.copyOf(requireNonNull(headers, "headers"));
    if (countdown != null && eta != null) {
      throw new IllegalArgumentException("set either countdown or eta, not both");
    }
    if (expires != null && expiresIn != null) {
      throw new IllegalArgumentException("set either expires or expiresIn, not both");
    }
    if (countdown != null && countdown.isNegative()) {
      throw new IllegalArgumentException("countdown must not be negative, was " + countdown);
    }
    if (expiresIn != null && (expiresIn.isNegative() || expiresIn.isZero())) {
      throw new IllegalArgumentException("expiresIn must be positive, was " + expiresIn);
    }
    if (priority != null && (priority < 0 || priority > 9)) {
      throw new IllegalArgumentException("priority must be 0..9, was " + priority);
    }
    if (queue != null && queue.isBlank()) {
      throw new IllegalArgumentException("queue must not be blank");
    }
  }

  /** A builder starting from no options. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link SubmitOptions}; not thread-safe. */
  public static final class Builder {
    private @Nullable Duration countdown;
    private @Nullable Instant eta;
    private @Nullable Instant expires;
    private @Nullable Duration expiresIn;
    private @Nullable Integer priority;
    private @Nullable String queue;
    private @Nullable String idempotencyKey;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Builder() {}

    /** Run no earlier than {@code delay} after submission. */
    public Builder countdown(Duration delay) {
      this.countdown = requireNonNull(delay, "delay");
      return this;
    }

    /** Run no earlier than {@code at}. */
    public Builder eta(Instant at) {
      this.eta = requireNonNull(at, "at");
      return this;
    }

    /** Do not start after {@code at}. */
    public Builder expires(Instant at) {
      this.expires = requireNonNull(at, "at");
      return this;
    }

    /** Do not start later than {@code within} after submission. */
    public Builder expiresIn(Duration within) {
      this.expiresIn = requireNonNull(within, "within");
      return this;
    }

    /** Priority 0..9. */
    public Builder priority(int value) {
      this.priority = value;
      return this;
    }

    /** Send to {@code name} instead of the task's queue. */
    public Builder queue(String name) {
      this.queue = requireNonNull(name, "name");
      return this;
    }

    /** Accept a repeated submission with the same key only once. */
    public Builder idempotencyKey(String key) {
      this.idempotencyKey = requireNonNull(key, "key");
      return this;
    }

    /** Carry {@code name: value} with the message. */
    public Builder header(String name, String value) {
      headers.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
      return this;
    }

    /** The options. */
    public SubmitOptions build() {
      return new SubmitOptions(
          countdown, eta, expires, expiresIn, priority, queue, idempotencyKey, headers);
    }
  }
}
