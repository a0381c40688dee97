package dev.celeriac.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the short duration form used in annotations and configuration: {@code 500ms},
 * {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601 such as {@code PT30S}.
 */
public final class DurationFormat {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");
  private static final long MAX_AMOUNT = 999_999_999;

  private DurationFormat() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the text if it is neither form, or negative
   */
  public static Duration parse(String text) {
    String trimmed = text.strip();
    Matcher m = SHORT.matcher(trimmed);
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    try {
      Duration parsed = Duration.parse(trimmed);
      if (parsed.isNegative()) {
        throw new IllegalArgumentException("duration must not be negative: '" + text + "'");
      }
      return parsed;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write e.g. 500ms, 30s, 5m, 2h, 1d or PT30S", e);
    }
  }

  /**
   * The shortest exact short form of {@code duration}, such as {@code 90s} or {@code 1500ms}. A
   * duration the short form cannot hold exactly (finer than a millisecond, an amount over 9 digits,
   * or negative) is written in ISO-8601, such as {@code PT0.0005S}, so {@link #parse} reads back
   * every non-negative duration this writes.
   */
  public static String format(Duration duration) {
    if (duration.isNegative() || duration.getNano() % 1_000_000 != 0) {
      return duration.toString();
    }
    if (duration.isZero()) {
      return "0s";
    }
    long seconds = duration.getSeconds();
    long millis = duration.getNano() / 1_000_000;
    if (millis != 0) {
      return shortOrIso(
          duration, seconds <= MAX_AMOUNT / 1000 ? seconds * 1000 + millis : -1, "ms");
    }
    if (seconds % 86_400 == 0) {
      return shortOrIso(duration, seconds / 86_400, "d");
    }
    if (seconds % 3_600 == 0) {
      return shortOrIso(duration, seconds / 3_600, "h");
    }
    if (seconds % 60 == 0) {
      return shortOrIso(duration, seconds / 60, "m");
    }
    return shortOrIso(duration, seconds, "s");
  }

  private static String shortOrIso(Duration duration, long amount, String unit) {
    return amount >= 0 && amount <= MAX_AMOUNT ? amount + unit : duration.toString();
  }
}
