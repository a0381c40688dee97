package dev.celeriac.coordinator;

import dev.celeriac.api.Task;

/** The tasks the integration tests schedule; no schedule is declared on them. */
public class ItTasks {
  /** Fired by the schedules under test. */
  @Task(name = "it.tick")
  public void tick() {}
}
