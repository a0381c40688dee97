package dev.celeriac.coordinator.internal;

import dev.celeriac.api.TaskDefinition;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.api.spi.Schedule;
import dev.celeriac.api.spi.ScheduleFire;
import dev.celeriac.api.spi.ScheduleStore;
import dev.celeriac.api.spi.TaskStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the task of a claimed fire: the message goes to the broker, then its submission is
 * recorded ({@code PENDING}), then the fire is marked published. The task id is derived from the
 * fire's key, so publishing one fire twice (a leader that crashed before marking it) is one task.
 */
public final class FirePublisher {
  /** Header naming the schedule a task was fired by. */
  public static final String SCHEDULE_HEADER = "celeriac-schedule";

  /** Header carrying the fire time a task was fired for (ISO-8601). */
  public static final String FIRE_TIME_HEADER = "celeriac-fire-time";

  private static final Logger log = LoggerFactory.getLogger(FirePublisher.class);
  private static final TaskMessageCodec CODEC = new TaskMessageCodec();

  private final ScheduleStore schedules;
  private final TaskStore tasks;
  private final Broker broker;
  private final Function<String, Optional<TaskDefinition>> definitions;
  private final InstantSource clock;
  private final Duration publishTimeout;

  /** A publisher; {@code definitions} finds a task's defaults (queue, timeout, expiry) by name. */
  public FirePublisher(
      ScheduleStore schedules,
      TaskStore tasks,
      Broker broker,
      Function<String, Optional<TaskDefinition>> definitions,
      InstantSource clock,
      Duration publishTimeout) {
    this.schedules = schedules;
    this.tasks = tasks;
    this.broker = broker;
    this.definitions = definitions;
    this.clock = clock;
    this.publishTimeout = publishTimeout;
  }

  /** The task id of the fire {@code (schedule, fireTime)}: the same for every publisher. */
  public static TaskId taskIdOf(String schedule, Instant fireTime) {
    String key = "celeriac-fire\u0000" + schedule + "\u0000" + fireTime;
    return new TaskId(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)));
  }

  /** A fire of {@code schedule} at {@code fireTime}, claimed now, not yet published. */
  public ScheduleFire newFire(String schedule, Instant fireTime) {
    return new ScheduleFire(
        schedule, fireTime, taskIdOf(schedule, fireTime), clock.instant(), null);
  }

  /**
   * Publishes the fire's task and marks the fire published.
   *
   * @throws FirePublishException if the broker refused or did not confirm in time; the fire stays
   *     unpublished for a later attempt
   */
  public void publish(Schedule schedule, ScheduleFire fire) {
    TaskMessage message = message(schedule, fire);
    byte[] body = CODEC.encode(message);
    await(broker.publish(OutboundMessage.of(message, body)), fire, "publishing");
    try {
      await(tasks.recordSubmitted(message), fire, "recording");
    } catch (FirePublishException e) {
      // The task is in the broker and will run; the PENDING row is a convenience (DESIGN.md).
      log.warn("fire {}@{} was published but not recorded", fire.schedule(), fire.fireTime(), e);
    }
    schedules.markPublished(fire.schedule(), fire.fireTime(), clock.instant());
  }

  TaskMessage message(Schedule schedule, ScheduleFire fire) {
    Instant now = clock.instant();
    Optional<TaskDefinition> definition = definitions.apply(schedule.task());
    String queue =
        schedule.queue() != null
            ? schedule.queue()
            : definition.map(TaskDefinition::queue).orElse("default");
    @Nullable Duration expiresAfter = definition.map(TaskDefinition::expiresAfter).orElse(null);
    return new TaskMessage(
        TaskMessage.CURRENT_VERSION,
        fire.taskId(),
        schedule.task(),
        schedule.args(),
        queue,
        1,
        null,
        expiresAfter == null ? null : now.plus(expiresAfter),
        schedule.priority(),
        definition.map(TaskDefinition::timeout).orElse(null),
        Map.of(SCHEDULE_HEADER, schedule.name(), FIRE_TIME_HEADER, fire.fireTime().toString()),
        now);
  }

  private void await(CompletableFuture<?> step, ScheduleFire fire, String what) {
    try {
      step.get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FirePublishException(fire, what + " was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new FirePublishException(fire, what + " failed: " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      step.cancel(false);
      throw new FirePublishException(fire, what + " got no answer within " + publishTimeout, e);
    }
  }
}
