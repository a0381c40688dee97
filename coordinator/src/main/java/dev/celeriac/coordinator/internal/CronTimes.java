package dev.celeriac.coordinator.internal;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * A parsed cron expression in the Spring 5.3 syntax of cron-utils (six fields, seconds first), with
 * its fire times in a zone. Fire times are whole seconds; iterating forward with {@link #next} is
 * the library's definition of the schedule (also across daylight-saving changes).
 */
public final class CronTimes {
  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));

  private final ExecutionTime times;
  private final ZoneId zone;

  private CronTimes(ExecutionTime times, ZoneId zone) {
    this.times = times;
    this.zone = zone;
  }

  /**
   * Parses {@code expression} for fire times in {@code zone}.
   *
   * @throws IllegalArgumentException with the library's explanation if the expression is invalid
   */
  public static CronTimes parse(String expression, ZoneId zone) {
    Cron cron;
    try {
      cron = PARSER.parse(expression).validate();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return new CronTimes(ExecutionTime.forCron(cron), zone);
  }

  /** The first fire time strictly after {@code after}, or null if the expression never fires. */
  public @Nullable Instant next(Instant after) {
    // cron-utils keeps the sub-second part of its argument; fire times are whole seconds.
    ZonedDateTime from = after.truncatedTo(ChronoUnit.SECONDS).atZone(zone);
    return times.nextExecution(from).map(ZonedDateTime::toInstant).orElse(null);
  }

  /** The last fire time strictly before {@code before}, or null if there is none. */
  public @Nullable Instant previous(Instant before) {
    Instant ceiling = before.truncatedTo(ChronoUnit.SECONDS);
    if (ceiling.isBefore(before)) {
      ceiling = ceiling.plusSeconds(1);
    }
    return times.lastExecution(ceiling.atZone(zone)).map(ZonedDateTime::toInstant).orElse(null);
  }
}
