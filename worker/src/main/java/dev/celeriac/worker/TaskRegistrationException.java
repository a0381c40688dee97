package dev.celeriac.worker;

import dev.celeriac.api.CeleriacException;

/**
 * A task class or method cannot be registered: a duplicate name or alias, an unusable signature, a
 * class without {@code @Task} methods, or a class that cannot be constructed. Thrown at start-up by
 * {@link TaskRegistry.Builder}, never while tasks run. The message names every method or class
 * involved.
 */
public class TaskRegistrationException extends CeleriacException {
  private static final long serialVersionUID = 1L;

  /** A registration problem described by {@code message}. */
  public TaskRegistrationException(String message) {
    super(message);
  }

  /** A registration problem described by {@code message}, caused by {@code cause}. */
  public TaskRegistrationException(String message, Throwable cause) {
    super(message, cause);
  }
}
