package dev.celeriac.embedded.junit.internal;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One service shared by every test in a JVM: found (and perhaps started) on first use, then the
 * same endpoint for every caller. A failed discovery is not remembered, so the next caller tries
 * again and sees the failure itself. Thread-safe.
 *
 * @param <E> the endpoint type
 */
public final class SharedService<E> {
  private final Supplier<E> discover;
  private @Nullable E endpoint;

  /** A service found by {@code discover} on first {@link #get()}. */
  public SharedService(Supplier<E> discover) {
    this.discover = requireNonNull(discover, "discover");
  }

  /** The endpoint, discovering it on the first call; later callers wait for the first one. */
  public synchronized E get() {
    if (endpoint == null) {
      endpoint = requireNonNull(discover.get(), "discovery returned null");
    }
    return endpoint;
  }
}
