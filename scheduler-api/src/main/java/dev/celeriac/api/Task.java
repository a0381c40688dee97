package dev.celeriac.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public instance method as a task that workers run and clients submit.
 *
 * <pre>{@code
 * @Task(name = "emails.send", queue = "emails",
 *       retry = @Retry(maxAttempts = 5, backoff = "1s..1m"), timeout = "30s")
 * public void send(String to, String body) { ... }
 * }</pre>
 *
 * <p>The {@link #name()} is the task's identity on the wire: it must be stable, and renaming the
 * method does not change it. Parameters and the return value must be encodable by Jackson. A
 * parameter of type {@link TaskContext} receives the running attempt's context instead of an
 * argument.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Task {
  /** The stable, unique name, such as {@code emails.send}. Required. */
  String name();

  /** Former names still accepted from in-flight messages after a rename. */
  String[] aliases() default {};

  /** The queue submissions go to unless a call overrides it. Defaults to {@code default}. */
  String queue() default "default";

  /** How failures are retried. Defaults to {@link Retry @Retry()}: 3 attempts, 1 s..1 min. */
  Retry retry() default @Retry;

  /**
   * How long one attempt may run, as {@code 30s}, {@code 5m}, {@code 500ms} or ISO-8601; empty for
   * no limit (the default).
   */
  String timeout() default "";

  /** Priority 0 (lowest, the default) to 9, where the broker supports priorities. */
  int priority() default 0;

  /**
   * How long after submission the task may still start, as {@code 10m} or ISO-8601; empty for never
   * expiring (the default). An expired task is marked {@link TaskState#EXPIRED}, not run.
   */
  String expires() default "";

  /** True to run on a pool sized to the cores instead of a virtual thread. Defaults to false. */
  boolean cpuBound() default false;
}
