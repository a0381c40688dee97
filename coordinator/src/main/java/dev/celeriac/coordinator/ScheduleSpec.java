package dev.celeriac.coordinator;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.celeriac.api.MisfirePolicy;
import org.jspecify.annotations.Nullable;

/**
 * A schedule as a user declares it, before validation: {@link ScheduleManager#save} and {@link
 * Coordinator.Builder#schedule} check it against the known tasks and reject it with an {@link
 * InvalidScheduleException} naming the field at fault.
 *
 * <p>The cron syntax is Spring 5.3's, via cron-utils: six fields, seconds first ({@code second
 * minute hour day-of-month month day-of-week}), e.g. {@code 0 30 2 * * *} for 02:30:00 every day,
 * {@code *}{@code /10 * * * * *} for every ten seconds, {@code 0 0 9 * * MON-FRI} for 09:00 on
 * weekdays. Fire times are computed in {@link #zone()}, so they follow its daylight-saving changes.
 *
 * @param name the unique schedule name
 * @param task the task to submit, by its {@code @Task} name
 * @param cron the cron expression
 * @param zone the IANA time zone id; {@code UTC} by default
 * @param misfirePolicy what to do with missed fire times; fire once by default
 * @param args the arguments of each fire, a JSON array; none by default
 * @param queue the queue to submit to, or null (the default) for the task's queue
 * @param priority 0..9, or null (the default) for the task's priority
 */
public record ScheduleSpec(
    String name,
    String task,
    String cron,
    String zone,
    MisfirePolicy misfirePolicy,
    ArrayNode args,
    @Nullable String queue,
    @Nullable Integer priority) {

  /** Checks the fields are present; their content is validated when the schedule is saved. */
  public ScheduleSpec {
    requireNonNull(name, "name");
    requireNonNull(task, "task");
    requireNonNull(cron, "cron");
    requireNonNull(zone, "zone");
    requireNonNull(misfirePolicy, "misfirePolicy");
    args = requireNonNull(args, "args").deepCopy();
  }

  /** A builder for the schedule {@code name}. */
  public static Builder builder(String name) {
    return new Builder(requireNonNull(name, "name"));
  }

  /** Builds a {@link ScheduleSpec}; task and cron are required. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private @Nullable String task;
    private @Nullable String cron;
    private String zone = "UTC";
    private MisfirePolicy misfirePolicy = MisfirePolicy.FIRE_ONCE;
    private ArrayNode args = JsonNodeFactory.instance.arrayNode();
    private @Nullable String queue;
    private @Nullable Integer priority;

    private Builder(String name) {
      this.name = name;
    }

    /** The task to submit, by name. Required. */
    public Builder task(String value) {
      this.task = requireNonNull(value, "task");
      return this;
    }

    /** The cron expression, six fields with seconds first. Required. */
    public Builder cron(String value) {
      this.cron = requireNonNull(value, "cron");
      return this;
    }

    /** The IANA time zone id; defaults to {@code UTC}. */
    public Builder zone(String value) {
      this.zone = requireNonNull(value, "zone");
      return this;
    }

    /** The misfire policy; defaults to {@link MisfirePolicy#FIRE_ONCE}. */
    public Builder misfire(MisfirePolicy value) {
      this.misfirePolicy = requireNonNull(value, "misfire");
      return this;
    }

    /** The arguments each fire passes; defaults to none. */
    public Builder args(ArrayNode value) {
      this.args = requireNonNull(value, "args");
      return this;
    }

    /** The queue; defaults to the task's queue. */
    public Builder queue(String value) {
      this.queue = requireNonNull(value, "queue");
      return this;
    }

    /** The priority 0..9; defaults to the task's priority. */
    public Builder priority(int value) {
      this.priority = value;
      return this;
    }

    /**
     * The spec.
     *
     * @throws InvalidScheduleException naming {@code task} or {@code cron} if it was not set
     */
    public ScheduleSpec build() {
      if (task == null) {
        throw new InvalidScheduleException(name, "task", "is required");
      }
      if (cron == null) {
        throw new InvalidScheduleException(name, "cron", "is required");
      }
      return new ScheduleSpec(name, task, cron, zone, misfirePolicy, args, queue, priority);
    }
  }
}
