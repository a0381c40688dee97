package dev.celeriac.api.spi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.celeriac.api.MisfirePolicy;
import java.time.Instant;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * A cron schedule as the {@link ScheduleStore} keeps it. The store does not interpret the cron
 * expression; the coordinator validates it before storing and computes {@link #nextFireTime()}.
 *
 * @param name the unique name
 * @param task the task it submits, by name
 * @param queue the queue to submit to, or null for the task's own queue
 * @param args the arguments of each fire, a JSON array
 * @param priority 0..9
 * @param cron the cron expression (six fields, seconds first)
 * @param zone the time zone fire times are computed in
 * @param misfirePolicy what to do with missed fire times
 * @param paused whether firing is paused
 * @param source where it was declared
 * @param nextFireTime the earliest fire time not handled yet, or null if the cron never fires again
 * @param lastFireTime the latest fire time that was fired, or null if none was
 */
public record Schedule(
    String name,
    String task,
    @Nullable String queue,
    ArrayNode args,
    int priority,
    String cron,
    ZoneId zone,
    MisfirePolicy misfirePolicy,
    boolean paused,
    ScheduleSource source,
    @Nullable Instant nextFireTime,
    @Nullable Instant lastFireTime) {

  /** Validates the required fields; each violation names the field. */
  public Schedule {
    requireNonNull(name, "name");
    requireNonNull(task, "task");
    requireNonNull(args, "args");
    requireNonNull(cron, "cron");
    requireNonNull(zone, "zone");
    requireNonNull(misfirePolicy, "misfirePolicy");
    requireNonNull(source, "source");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    if (priority < 0 || priority > 9) {
      throw new IllegalArgumentException("priority must be 0..9, was " + priority);
    }
    args = args.deepCopy();
  }
}
