package dev.celeriac.console;

/** What a console token may do. */
public enum ConsoleRole {
  /** Reads everything: tasks, workers, queues, schedules, dead letters, stats, events, metrics. */
  VIEWER,
  /** Everything a viewer may, and acts: submit, revoke, retry, re-drive, discard, schedules. */
  ADMIN;

  /** Whether this role may do what {@code needed} may. */
  public boolean includes(ConsoleRole needed) {
    return this == ADMIN || needed == VIEWER;
  }
}
