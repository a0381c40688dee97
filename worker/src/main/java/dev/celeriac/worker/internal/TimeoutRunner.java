package dev.celeriac.worker.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an attempt's body on its own virtual thread and waits for it until its timeout. At the
 * timeout it cancels the context and interrupts the thread; a body still running {@code
 * interruptGrace} later ignored the interrupt, and is abandoned (left to finish on its own) and
 * counted. Waiting is on real time, whatever clock stamps the records. Thread-safe.
 */
public final class TimeoutRunner {
  private static final Logger log = LoggerFactory.getLogger(TimeoutRunner.class);

  private final Duration interruptGrace;
  private final AtomicLong abandoned = new AtomicLong();

  /** A runner that gives interrupted bodies {@code interruptGrace} to stop. */
  public TimeoutRunner(Duration interruptGrace) {
    this.interruptGrace = interruptGrace;
  }

  /**
   * Runs {@code body} on a new virtual thread named {@code threadName} and returns its result, or
   * {@link AttemptResult.TimedOut} when it runs past {@code timeout}, or {@link
   * AttemptResult.Interrupted} if the calling thread is interrupted first (the interrupt flag is
   * kept set).
   */
  public AttemptResult run(
      Supplier<AttemptResult> body,
      Duration timeout,
      DefaultTaskContext context,
      String threadName) {
    var result = new CompletableFuture<AttemptResult>();
    Thread thread =
        Thread.ofVirtual()
            .name(threadName)
            .start(
                () -> {
                  try {
                    result.complete(body.get());
                  } catch (Throwable unexpected) {
                    result.complete(new AttemptResult.Threw(unexpected));
                  }
                });
    try {
      return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      StackTraceElement[] stuckAt = thread.getStackTrace();
      stop(thread, context);
      return new AttemptResult.TimedOut(timeout, stuckAt);
    } catch (InterruptedException e) {
      stop(thread, context);
      Thread.currentThread().interrupt();
      return new AttemptResult.Interrupted();
    } catch (ExecutionException e) {
      // The body's wrapper always completes normally; this only guards against a broken future.
      return new AttemptResult.Threw(e.getCause());
    }
  }

  private void stop(Thread thread, DefaultTaskContext context) {
    context.cancel();
    thread.interrupt();
    boolean stopped;
    try {
      stopped = thread.join(interruptGrace);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = !thread.isAlive();
    }
    if (!stopped) {
      abandoned.incrementAndGet();
      log.warn(
          "Task {} attempt {} ignored the interrupt for {}; abandoned on thread {}",
          context.taskName(),
          context.attempt(),
          interruptGrace,
          thread.getName());
    }
  }

  /** How many attempts ignored their interrupt and were abandoned since this runner was made. */
  public long abandonedCount() {
    return abandoned.get();
  }
}
