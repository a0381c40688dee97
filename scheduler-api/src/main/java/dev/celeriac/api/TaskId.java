package dev.celeriac.api;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The identity of one submitted task: a UUIDv7, so ids sort by submission time.
 *
 * @param value the UUID; any version is accepted when parsing ids made elsewhere
 */
public record TaskId(UUID value) implements Comparable<TaskId> {
  private static final SecureRandom RANDOM = new SecureRandom();
  // UUID.fromString alone also takes signs and short groups ("+0000000-..."), so the same id would
  // have several spellings.
  private static final Pattern CANONICAL =
      Pattern.compile(
          "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

  /** Validates the id. */
  public TaskId {
    requireNonNull(value, "value");
  }

  /** A new time-ordered id (UUIDv7) from the system clock. */
  public static TaskId generate() {
    return generate(InstantSource.system());
  }

  /** A new time-ordered id (UUIDv7) whose timestamp comes from {@code clock}. */
  public static TaskId generate(InstantSource clock) {
    long millis = clock.millis();
    long randA = RANDOM.nextInt(1 << 12);
    long msb = (millis << 16) | (0x7L << 12) | randA;
    long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new TaskId(new UUID(msb, lsb));
  }

  /**
   * Parses the canonical text form of an id: 36 characters, hexadecimal digits (either case) in
   * groups of 8-4-4-4-12 separated by dashes.
   *
   * @throws IllegalArgumentException if {@code text} is not a UUID in that form
   */
  public static TaskId parse(String text) {
    requireNonNull(text, "text");
    if (text.length() != 36) {
      throw new IllegalArgumentException(
          "A task id is a 36-character UUID, got: " + abbreviate(text));
    }
    if (!CANONICAL.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "A task id is a UUID of hexadecimal groups 8-4-4-4-12, got: " + text);
    }
    return new TaskId(UUID.fromString(text));
  }

  private static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "…";
  }

  @Override
  public int compareTo(TaskId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
