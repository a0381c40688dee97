package dev.celeriac.worker.internal;

import dev.celeriac.api.CeleriacException;

/**
 * A store write failed, timed out, or was interrupted, so its outcome is unknown and the delivery
 * must go back to the broker rather than be settled.
 */
public final class StoreWriteFailedException extends CeleriacException {
  private static final long serialVersionUID = 1L;

  /** A failed write described by {@code message}, caused by {@code cause}. */
  public StoreWriteFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
