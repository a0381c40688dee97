package dev.celeriac.worker.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One attempt's body as a {@link Runnable} for whichever thread runs it (a new virtual thread, or a
 * pooled platform thread for CPU-bound tasks), with what it takes to stop it: the thread is
 * interrupted only while it runs this body, so a pooled thread is never hit after it moved on, and
 * a body stopped before it started never starts. Thread-safe.
 */
final class BodyExecution implements Runnable {
  private final Supplier<AttemptResult> body;
  private final CompletableFuture<AttemptResult> result = new CompletableFuture<>();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Object lock = new Object();
  // Guarded by lock.
  private @Nullable Thread thread;
  private boolean started;
  private boolean stopped;

  BodyExecution(Supplier<AttemptResult> body) {
    this.body = body;
  }

  @Override
  public void run() {
    synchronized (lock) {
      if (stopped) {
        finished.countDown();
        return;
      }
      started = true;
      thread = Thread.currentThread();
    }
    try {
      result.complete(body.get());
    } catch (Throwable unexpected) {
      result.complete(new AttemptResult.Threw(unexpected));
    } finally {
      synchronized (lock) {
        thread = null;
      }
      finished.countDown();
    }
  }

  CompletableFuture<AttemptResult> result() {
    return result;
  }

  /** Where the body's thread is now; empty if it is not running. */
  StackTraceElement[] stackTrace() {
    synchronized (lock) {
      return thread == null ? new StackTraceElement[0] : thread.getStackTrace();
    }
  }

  /**
   * Interrupts the body if it runs, or keeps it from ever starting, then waits up to {@code grace}
   * for it to end.
   *
   * @return false if the body still runs after {@code grace}
   */
  boolean stop(Duration grace) throws InterruptedException {
    synchronized (lock) {
      stopped = true;
      if (!started) {
        return true;
      }
      if (thread != null) {
        thread.interrupt();
      }
    }
    return finished.await(grace.toNanos(), TimeUnit.NANOSECONDS);
  }
}
