package dev.celeriac.worker.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an attempt's body on a thread of its own (a new virtual thread, or a thread of the CPU pool)
 * and waits for it, until its timeout if it has one. The caller's thread only waits, so
 * interrupting it (the worker is stopping) is told apart from the body's own outcome. At the
 * timeout, on a termination by revocation, or on that interrupt, it cancels the context and
 * interrupts the body; a body still running {@code interruptGrace} later ignored the interrupt, and
 * is abandoned (left to finish on its own) and counted. Waiting is on real time, whatever clock
 * stamps the records. Thread-safe.
 */
public final class TimeoutRunner {
  private static final Logger log = LoggerFactory.getLogger(TimeoutRunner.class);

  private final Duration interruptGrace;
  private final RunningAttempts running;
  private final AtomicLong abandoned = new AtomicLong();

  /**
   * A runner that gives interrupted bodies {@code interruptGrace} to stop, and registers each
   * running body in {@code running}, through which a revocation terminates it.
   */
  public TimeoutRunner(Duration interruptGrace, RunningAttempts running) {
    this.interruptGrace = interruptGrace;
    this.running = running;
  }

  /**
   * Runs {@code body} on {@code pool}, or on a new virtual thread named {@code threadName} when
   * {@code pool} is null, and returns its result; {@link AttemptResult.TimedOut} when it runs past
   * {@code timeout} (null: no limit), {@link AttemptResult.Revoked} when {@link RunningAttempts}
   * terminates it first, or {@link AttemptResult.Interrupted} if the calling thread is interrupted
   * first (the interrupt flag is kept set). A timed-out or revoked body is interrupted and its
   * context cancelled.
   *
   * @throws java.util.concurrent.RejectedExecutionException if {@code pool} refuses the body
   */
  public AttemptResult run(
      Supplier<AttemptResult> body,
      @Nullable Duration timeout,
      DefaultTaskContext context,
      String threadName,
      @Nullable Executor pool) {
    var execution = new BodyExecution(body);
    CompletableFuture<AttemptResult> termination = running.register(context.taskId());
    try {
      if (pool == null) {
        Thread.ofVirtual().name(threadName).start(execution);
      } else {
        pool.execute(execution);
      }
      CompletableFuture<AttemptResult> first =
          execution.result().applyToEither(termination, r -> r);
      AttemptResult result =
          timeout == null ? first.get() : first.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (result instanceof AttemptResult.Revoked) {
        stop(execution, context);
      }
      return result;
    } catch (TimeoutException e) {
      StackTraceElement[] stuckAt = execution.stackTrace();
      stop(execution, context);
      return new AttemptResult.TimedOut(timeout, stuckAt);
    } catch (InterruptedException e) {
      stop(execution, context);
      Thread.currentThread().interrupt();
      return new AttemptResult.Interrupted();
    } catch (ExecutionException e) {
      // The body's wrapper always completes normally; this only guards against a broken future.
      return new AttemptResult.Threw(e.getCause());
    } finally {
      running.unregister(termination);
    }
  }

  private void stop(BodyExecution execution, DefaultTaskContext context) {
    context.cancel();
    boolean stopped;
    try {
      stopped = execution.stop(interruptGrace);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = false;
    }
    if (!stopped) {
      abandoned.incrementAndGet();
      log.warn(
          "Task {} attempt {} ignored the interrupt for {}; abandoned while still running",
          context.taskName(),
          context.attempt(),
          interruptGrace);
    }
  }

  /** How many attempts ignored their interrupt and were abandoned since this runner was made. */
  public long abandonedCount() {
    return abandoned.get();
  }
}
