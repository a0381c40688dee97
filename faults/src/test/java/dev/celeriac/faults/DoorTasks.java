package dev.celeriac.faults;

import dev.celeriac.api.Task;

/** The tasks the bad-input tests feed: one that takes a number, one that takes a text. */
public final class DoorTasks {
  /** A public constructor, for registration by class. */
  public DoorTasks() {}

  /** Returns {@code n}; fed a text to show arguments of the wrong type. */
  @Task(name = "doors.echo")
  public int echo(int n) {
    return n;
  }

  /** Returns {@code text}; fed more than the message limit to show oversized arguments. */
  @Task(name = "doors.echoText")
  public String echoText(String text) {
    return text;
  }
}
