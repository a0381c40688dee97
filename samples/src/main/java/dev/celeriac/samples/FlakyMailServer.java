package dev.celeriac.samples;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A mail server that refuses the first few messages to each recipient, as a dependency under load
 * does, so the email sample's retries have something to do.
 */
public final class FlakyMailServer implements MailServer {
  private final int refusalsPerRecipient;
  private final Map<String, Integer> refusals = new ConcurrentHashMap<>();

  /** Refuses {@code refusalsPerRecipient} messages to each recipient before accepting one. */
  public FlakyMailServer(int refusalsPerRecipient) {
    this.refusalsPerRecipient = refusalsPerRecipient;
  }

  @Override
  public String deliver(String to, String subject, String body) {
    int refusedSoFar = refusals.merge(to, 1, Integer::sum) - 1;
    if (refusedSoFar < refusalsPerRecipient) {
      throw new MailServerUnavailableException(
          "421 try again later (refusal " + (refusedSoFar + 1) + " for " + to + ")");
    }
    return "<" + UUID.randomUUID() + "@mail.example>";
  }
}
