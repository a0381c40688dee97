package dev.celeriac.worker.e2e;

import dev.celeriac.api.Retry;
import dev.celeriac.api.Task;
import dev.celeriac.api.TaskContext;
import dev.celeriac.api.TaskId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The tasks of the end-to-end suite. Public with a public no-argument constructor, so a worker
 * process registers it by name ({@code --tasks dev.celeriac.worker.e2e.E2eTasks}). Tests submit
 * them to their own queues with a queue override.
 */
public final class E2eTasks {
  /** How long the stubborn task ignores interrupts unless a test lets it go earlier. */
  static final Duration STUBBORN_AT_MOST = Duration.ofSeconds(60);

  /** Opened by a test to let the stubborn tasks of this JVM end. */
  static volatile CountDownLatch stubbornRelease = new CountDownLatch(1);

  /** A public constructor for a worker process. */
  public E2eTasks() {}

  /** Does nothing. */
  @Task(name = "e2e.noop")
  public void noop() {}

  /** Sleeps {@code millis}, interruptibly. */
  @Task(name = "e2e.sleep")
  public void sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }

  /** Returns {@code n}; submitted with a text argument to show bad arguments. */
  @Task(name = "e2e.echo")
  public int echo(int n) {
    return n;
  }

  /** Fails its first two attempts, succeeds on the third. */
  @Task(name = "e2e.flaky", retry = @Retry(maxAttempts = 3, backoff = "400ms..2s"))
  public String flaky(TaskContext context) {
    if (context.attempt() < 3) {
      throw new IllegalStateException("attempt " + context.attempt() + " fails on purpose");
    }
    return "succeeded on attempt " + context.attempt();
  }

  /** Runs past its timeout on the first attempt; the retry returns at once. */
  @Task(
      name = "e2e.slowFirst",
      timeout = "500ms",
      retry = @Retry(maxAttempts = 2, backoff = "100ms..100ms"))
  public String slowFirst(TaskContext context) throws InterruptedException {
    if (context.attempt() == 1) {
      Thread.sleep(Duration.ofMinutes(1));
    }
    return "fast on attempt " + context.attempt();
  }

  /** Runs past its timeout on every attempt. */
  @Task(
      name = "e2e.alwaysSlow",
      timeout = "300ms",
      retry = @Retry(maxAttempts = 2, backoff = "100ms..100ms"))
  public void alwaysSlow() throws InterruptedException {
    Thread.sleep(Duration.ofMinutes(1));
  }

  /**
   * Runs past its timeout and ignores the interrupt, until a test opens {@link #stubbornRelease} or
   * {@link #STUBBORN_AT_MOST} passed.
   */
  @Task(name = "e2e.stubborn", timeout = "300ms", retry = @Retry(maxAttempts = 1))
  public String stubborn() {
    long end = System.nanoTime() + STUBBORN_AT_MOST.toNanos();
    while (System.nanoTime() < end) {
      try {
        if (stubbornRelease.await(end - System.nanoTime(), TimeUnit.NANOSECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        // Ignored on purpose: this task is the one that does not stop when asked.
      }
    }
    return "finally done";
  }

  /** The ids of long tasks whose context said cancelled when their sleep was interrupted. */
  static final Set<TaskId> cancelledWhenInterrupted = ConcurrentHashMap.newKeySet();

  /** Sleeps ten minutes unless interrupted; retried up to three attempts if it fails. */
  @Task(name = "e2e.longRunning", retry = @Retry(maxAttempts = 3, backoff = "100ms..100ms"))
  public String longRunning(TaskContext context) throws InterruptedException {
    try {
      Thread.sleep(Duration.ofMinutes(10));
      return "ran to the end";
    } catch (InterruptedException e) {
      if (context.isCancelled()) {
        cancelledWhenInterrupted.add(context.taskId());
      }
      throw e;
    }
  }

  /**
   * Waits until {@code path} exists, checking every 50 ms; interruptible. A worker process that
   * never sees the file holds the task until it is stopped.
   */
  @Task(name = "e2e.waitForFile")
  public void waitForFile(String path) throws InterruptedException {
    Path file = Path.of(path);
    while (!Files.exists(file)) {
      Thread.sleep(50);
    }
  }
}
