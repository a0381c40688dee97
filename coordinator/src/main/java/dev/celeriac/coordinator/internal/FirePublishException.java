package dev.celeriac.coordinator.internal;

import dev.celeriac.api.CeleriacException;
import dev.celeriac.api.spi.ScheduleFire;

/** A fire's task could not be published; the fire stays claimed and unpublished. */
public final class FirePublishException extends CeleriacException {
  private static final long serialVersionUID = 1L;

  /** The failure of {@code fire}'s publish, described by {@code what}. */
  public FirePublishException(ScheduleFire fire, String what, Throwable cause) {
    super("fire " + fire.schedule() + "@" + fire.fireTime() + ": " + what, cause);
  }
}
