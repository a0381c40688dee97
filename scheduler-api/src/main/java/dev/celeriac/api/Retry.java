package dev.celeriac.api;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The retry policy of a {@link Task}: how many attempts, how long to wait between them, and which
 * exceptions are worth retrying. Read into a {@link RetryPolicy} with {@link
 * RetryPolicy#from(Retry)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Retry {
  /** Total attempts including the first; 1 means never retry. Defaults to 3. */
  int maxAttempts() default 3;

  /**
   * The backoff range {@code initial..max}, such as {@code 1s..1m}: the first retry waits {@code
   * initial}, each later one {@link #multiplier()} times longer, never more than {@code max}.
   * Defaults to {@code 1s..1m}.
   */
  String backoff() default "1s..1m";

  /** The growth factor between consecutive backoffs, at least 1. Defaults to 2. */
  double multiplier() default 2.0;

  /** Spread each backoff randomly over [0.5, 1.0] of its value. Defaults to true. */
  boolean jitter() default true;

  /** Retry only on these exceptions (and subclasses); empty (the default) for any exception. */
  Class<? extends Throwable>[] on() default {};

  /** Never retry on these exceptions (and subclasses); wins over {@link #on()}. */
  Class<? extends Throwable>[] never() default {};
}
