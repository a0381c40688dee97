package dev.celeriac.samples;

/** The mail server refused a message for now; a later attempt may succeed. */
public class MailServerUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The server refused as {@code message} says. */
  public MailServerUnavailableException(String message) {
    super(message);
  }
}
