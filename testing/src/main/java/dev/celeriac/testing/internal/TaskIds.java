package dev.celeriac.testing.internal;

import dev.celeriac.api.TaskId;

/** Orders task ids as PostgreSQL orders UUIDs: by unsigned bytes, unlike {@code UUID.compareTo}. */
final class TaskIds {
  private TaskIds() {}

  static int compareUnsigned(TaskId a, TaskId b) {
    int high =
        Long.compareUnsigned(
            a.value().getMostSignificantBits(), b.value().getMostSignificantBits());
    return high != 0
        ? high
        : Long.compareUnsigned(
            a.value().getLeastSignificantBits(), b.value().getLeastSignificantBits());
  }
}
