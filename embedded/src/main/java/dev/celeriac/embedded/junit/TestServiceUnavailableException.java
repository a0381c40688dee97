package dev.celeriac.embedded.junit;

import static java.util.Objects.requireNonNull;

/**
 * A service an integration test needs was found nowhere, under CI (where a missing service is a
 * broken build, not a reason to skip). The message names every place that was tried.
 */
public final class TestServiceUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The service, e.g. {@code RabbitMQ}. */
  private final String service;

  /** A failure to find {@code service}, explained by {@code message}. */
  public TestServiceUnavailableException(String service, String message) {
    super(message);
    this.service = requireNonNull(service, "service");
  }

  /** The service that was not found, e.g. {@code RabbitMQ}. */
  public String service() {
    return service;
  }
}
