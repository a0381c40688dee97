package dev.celeriac.embedded.junit.internal;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * What one discovery source found: an endpoint, or why it has none.
 *
 * @param endpoint the endpoint found, or null
 * @param reason why nothing was found; empty when found
 * @param <E> the endpoint type
 */
public record Lookup<E>(@Nullable E endpoint, String reason) {
  /** Validates that exactly one of the two is given. */
  public Lookup {
    requireNonNull(reason, "reason");
    if ((endpoint == null) == reason.isEmpty()) {
      throw new IllegalArgumentException("a lookup has either an endpoint or a reason");
    }
  }

  /** Found {@code endpoint}. */
  public static <E> Lookup<E> found(E endpoint) {
    return new Lookup<>(requireNonNull(endpoint, "endpoint"), "");
  }

  /**
   * Found nothing, because of {@code reason}.
   *
   * @throws IllegalArgumentException if the reason is empty
   */
  public static <E> Lookup<E> missed(String reason) {
    return new Lookup<>(null, reason);
  }
}
