package dev.celeriac.api.spi;

import dev.celeriac.api.CeleriacException;

/** The broker refused an operation or could not be reached within its bounded time. */
public class BrokerException extends CeleriacException {
  private static final long serialVersionUID = 1L;

  /** A broker failure described by {@code message}. */
  public BrokerException(String message) {
    super(message);
  }

  /** A broker failure described by {@code message}, caused by {@code cause}. */
  public BrokerException(String message, Throwable cause) {
    super(message, cause);
  }
}
