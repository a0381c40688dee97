package dev.celeriac.coordinator;

import dev.celeriac.api.CeleriacException;

/** A schedule was rejected: one of its fields is invalid. The message names the field. */
public final class InvalidScheduleException extends CeleriacException {
  private static final long serialVersionUID = 1L;

  private final String schedule;
  private final String field;

  /** Rejects the {@code field} of schedule {@code schedule} for the reason {@code problem}. */
  public InvalidScheduleException(String schedule, String field, String problem) {
    super("schedule '" + schedule + "': " + field + ": " + problem);
    this.schedule = schedule;
    this.field = field;
  }

  /** The name of the rejected schedule (possibly blank when the name itself is at fault). */
  public String schedule() {
    return schedule;
  }

  /** The field at fault: {@code name}, {@code task}, {@code cron}, {@code zone}, {@code args}… */
  public String field() {
    return field;
  }
}
