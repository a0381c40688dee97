package dev.celeriac.samples;

/** The outside service the email sample depends on. */
public interface MailServer {
  /**
   * Sends one message and returns the server's message id.
   *
   * @throws MailServerUnavailableException when the server cannot take it now (worth retrying)
   */
  String deliver(String to, String subject, String body);
}
