package dev.celeriac.testing;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.spi.OutboundMessage;

/**
 * A message a consumer rejected, as {@link InMemoryBroker#deadLetters(String)} keeps it: the
 * message as published and how many times it had been delivered.
 *
 * @param message the message as it was published
 * @param deliveryCount how many times the broker had delivered it, counting the rejected delivery
 */
public record RejectedMessage(OutboundMessage message, int deliveryCount) {
  /** Validates the fields. */
  public RejectedMessage {
    requireNonNull(message, "message");
    if (deliveryCount < 1) {
      throw new IllegalArgumentException("deliveryCount must be >= 1, was " + deliveryCount);
    }
  }
}
