package dev.celeriac.api;

/** The root of every exception Celeriac throws. Unchecked; subclasses carry their context. */
public class CeleriacException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message a person can act on. */
  public CeleriacException(String message) {
    super(message);
  }

  /** An exception with a message and the cause that led to it. */
  public CeleriacException(String message, Throwable cause) {
    super(message, cause);
  }
}
