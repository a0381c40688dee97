package dev.celeriac.api.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A stored dead letter and the id an operator acts on it by.
 *
 * @param id the store's id of the letter, unique and positive
 * @param letter the letter as it was recorded
 * @param redrivenAt when it was marked re-driven, or null while it is open
 */
public record DeadLetterEntry(long id, DeadLetter letter, @Nullable Instant redrivenAt) {
  /** Validates the fields. */
  public DeadLetterEntry {
    requireNonNull(letter, "letter");
    if (id < 1) {
      throw new IllegalArgumentException("id must be >= 1, was " + id);
    }
  }
}
