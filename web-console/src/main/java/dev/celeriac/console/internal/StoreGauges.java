package dev.celeriac.console.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.celeriac.api.TaskState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauges of tasks by state ({@code celeriac_tasks{state="…"}}) read from the live feed's latest
 * statistics, so a scrape never queries the store.
 */
public final class StoreGauges {
  private StoreGauges() {}

  /** Registers one gauge per state on {@code registry}. */
  public static void register(MeterRegistry registry, LiveFeed feed) {
    for (TaskState state : TaskState.values()) {
      Gauge.builder("celeriac.tasks", feed, f -> count(f, state))
          .description("Stored tasks in this state, as of the console's latest poll")
          .tag("state", state.name())
          .register(registry);
    }
  }

  private static double count(LiveFeed feed, TaskState state) {
    ObjectNode stats = feed.latestStats();
    JsonNode value = stats == null ? null : stats.path("counts").get(state.name());
    return value == null ? Double.NaN : value.asDouble();
  }
}
