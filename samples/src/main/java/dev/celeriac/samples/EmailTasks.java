package dev.celeriac.samples;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.Retry;
import dev.celeriac.api.Task;
import dev.celeriac.api.TaskContext;

/**
 * Sending email: a task with retries and backoff against a flaky dependency. An unavailable server
 * is retried up to five attempts, 1 s..30 s apart; an invalid address fails at once.
 */
public class EmailTasks {
  private final MailServer mailServer;

  /** Tasks that send through {@code mailServer}. */
  public EmailTasks(MailServer mailServer) {
    this.mailServer = requireNonNull(mailServer, "mailServer");
  }

  /**
   * Sends one email and returns the mail server's message id.
   *
   * @throws InvalidAddressException if {@code to} is not an address (not retried)
   */
  @Task(
      name = "emails.send",
      queue = "emails",
      timeout = "30s",
      retry =
          @Retry(
              maxAttempts = 5,
              backoff = "1s..30s",
              on = MailServerUnavailableException.class,
              never = InvalidAddressException.class))
  public String send(String to, String subject, String body, TaskContext context) {
    if (!to.contains("@")) {
      throw new InvalidAddressException(to);
    }
    String messageId = mailServer.deliver(to, subject, body);
    return messageId + " (attempt " + context.attempt() + ")";
  }
}
