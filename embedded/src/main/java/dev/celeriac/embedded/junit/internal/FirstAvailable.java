package dev.celeriac.embedded.junit.internal;

import dev.celeriac.embedded.junit.TestServiceUnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries the sources of one service in order and takes the first that has it. When none has it, the
 * test fails under CI and is aborted (skipped) elsewhere, with a message naming every place tried
 * and why it did not serve.
 */
public final class FirstAvailable {
  private static final Logger log = LoggerFactory.getLogger(FirstAvailable.class);

  private FirstAvailable() {}

  /**
   * The first source in {@code order} that finds {@code service}.
   *
   * @param hint what the developer can do, appended to the message when nothing is found
   * @throws TestServiceUnavailableException when nothing is found and {@code environment} says CI
   * @throws org.opentest4j.TestAbortedException when nothing is found outside CI
   */
  public static <E> Found<E> find(
      String service, List<ServiceSource<E>> order, Environment environment, String hint) {
    List<String> tried = new ArrayList<>();
    for (ServiceSource<E> source : order) {
      Lookup<E> lookup = source.lookup().get();
      E endpoint = lookup.endpoint();
      if (endpoint != null) {
        log.info("{} for tests: {} ({})", service, endpoint, source.description());
        return new Found<>(endpoint, source);
      }
      log.debug("{} for tests: not {}: {}", service, source.description(), lookup.reason());
      tried.add(source.description() + " (" + lookup.reason() + ")");
    }
    String message =
        "No " + service + " for tests. Tried, in order: " + String.join("; ", tried) + ". " + hint;
    if (environment.ci()) {
      throw new TestServiceUnavailableException(
          service, message + " CI=true, so this fails instead of skipping.");
    }
    Assumptions.abort(message + " Skipped because CI is not true.");
    throw new AssertionError("Assumptions.abort returned"); // unreachable: abort always throws
  }

  /**
   * The endpoint a source found.
   *
   * @param endpoint the endpoint
   * @param source the source that found it
   * @param <E> the endpoint type
   */
  public record Found<E>(E endpoint, ServiceSource<E> source) {}
}
