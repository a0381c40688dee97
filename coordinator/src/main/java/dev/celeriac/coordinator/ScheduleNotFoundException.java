package dev.celeriac.coordinator;

import dev.celeriac.api.CeleriacException;

/** An operation named a schedule that does not exist. */
public final class ScheduleNotFoundException extends CeleriacException {
  private static final long serialVersionUID = 1L;

  private final String schedule;

  /** No schedule is named {@code schedule}. */
  public ScheduleNotFoundException(String schedule) {
    super("no schedule named '" + schedule + "'");
    this.schedule = schedule;
  }

  /** The name that was not found. */
  public String schedule() {
    return schedule;
  }
}
