package dev.celeriac.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a cron schedule for a {@link Task} method; the coordinator upserts it when it starts
 * (DESIGN.md, Coordinator).
 *
 * <pre>{@code
 * @Task(name = "reports.nightly")
 * @Scheduled(cron = "0 30 2 * * *", zone = "Europe/Berlin", misfire = MisfirePolicy.SKIP)
 * public void nightly() { ... }
 * }</pre>
 *
 * <p>The cron syntax has six fields, seconds first: {@code second minute hour day-of-month month
 * day-of-week}, as in Spring 5.3: {@code *}, lists, ranges, steps, {@code L}, {@code W}, {@code #},
 * month and day names, and macros such as <code>&#64;daily</code>. Fire times are computed in
 * {@link #zone()}, so a schedule follows daylight-saving changes there: a local time that does not
 * exist on the spring-forward day is not fired that day, and a local time that occurs twice on the
 * fall-back day is fired once. The coordinator validates the schedule when it upserts it; a bad
 * value fails its start with an error naming the attribute.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Scheduled {
  /** The cron expression, six fields with seconds first. Required. */
  String cron();

  /** The time zone fire times are computed in, as an IANA id. Defaults to {@code UTC}. */
  String zone() default "UTC";

  /** What to do with fire times missed while no coordinator led. Defaults to fire once. */
  MisfirePolicy misfire() default MisfirePolicy.FIRE_ONCE;

  /** The schedule's unique name. Defaults to the task's name. */
  String name() default "";

  /** The arguments each fire passes, as a JSON array. Defaults to none ({@code []}). */
  String args() default "[]";
}
