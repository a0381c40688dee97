package dev.celeriac.embedded.junit.internal;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;

/**
 * One place a service may be found, such as an environment variable or a default local port.
 *
 * @param description where it looks, for logs and error messages (e.g. {@code a server on
 *     127.0.0.1:9092})
 * @param origin who runs a server found here
 * @param lookup looks; may start a server (containers, embedded)
 * @param <E> the endpoint type
 */
public record ServiceSource<E>(String description, Origin origin, Supplier<Lookup<E>> lookup) {
  /** Validates the fields. */
  public ServiceSource {
    requireNonNull(description, "description");
    requireNonNull(origin, "origin");
    requireNonNull(lookup, "lookup");
  }

  /** Who runs a server found through a source, and so who cleans up after the tests. */
  public enum Origin {
    /** Someone else runs it (configured or already listening); tests must clean up after them. */
    EXTERNAL,
    /** Started for this test JVM (container or embedded); it disappears when the JVM exits. */
    STARTED_FOR_TESTS
  }
}
