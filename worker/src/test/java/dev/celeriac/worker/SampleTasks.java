package dev.celeriac.worker;

import dev.celeriac.api.Retry;
import dev.celeriac.api.Task;
import dev.celeriac.api.TaskContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/** Tasks that record how they were called, for the processor's tests. */
public final class SampleTasks {
  final AtomicInteger calls = new AtomicInteger();
  final AtomicReference<@Nullable TaskContext> context = new AtomicReference<>();
  final AtomicReference<@Nullable Map<String, String>> mdc = new AtomicReference<>();
  final CountDownLatch started = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);
  final CountDownLatch interrupted = new CountDownLatch(1);
  volatile Runnable duringRun = () -> {};

  /** A line of an order. */
  public record Line(String sku, int quantity, long cents) {}

  @Task(name = "math.add")
  public int add(int a, int b) {
    calls.incrementAndGet();
    duringRun.run();
    return a + b;
  }

  @Task(name = "orders.total", aliases = "orders.sum", queue = "orders")
  public long total(TaskContext taskContext, List<Line> lines) {
    calls.incrementAndGet();
    context.set(taskContext);
    mdc.set(MDC.getCopyOfContextMap());
    return lines.stream().mapToLong(l -> l.quantity() * l.cents()).sum();
  }

  @Task(name = "notes.write")
  public void write(String text) {
    calls.incrementAndGet();
  }

  @Task(name = "flaky", retry = @Retry(maxAttempts = 3, backoff = "2s..1m", jitter = true))
  public void flaky() {
    calls.incrementAndGet();
    throw new IllegalStateException("flaky failed on purpose");
  }

  @Task(name = "strict", retry = @Retry(maxAttempts = 5, never = IllegalArgumentException.class))
  public void strict() {
    calls.incrementAndGet();
    throw new IllegalArgumentException("strict refuses this input");
  }

  @Task(name = "opaque")
  public Object opaque() {
    calls.incrementAndGet();
    return new Object();
  }

  @Task(name = "slow", timeout = "200ms")
  public void slow(TaskContext taskContext) throws InterruptedException {
    calls.incrementAndGet();
    context.set(taskContext);
    try {
      release.await();
    } catch (InterruptedException e) {
      interrupted.countDown();
      throw e;
    }
  }

  @Task(name = "patient", timeout = "10m")
  public void patient() throws InterruptedException {
    calls.incrementAndGet();
    started.countDown();
    try {
      release.await();
    } catch (InterruptedException e) {
      interrupted.countDown();
      throw e;
    }
  }

  @Task(name = "stubborn", timeout = "200ms", retry = @Retry(maxAttempts = 1))
  public void stubborn() {
    calls.incrementAndGet();
    while (true) {
      try {
        release.await();
        return;
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
    }
  }

  @Task(name = "obstinate")
  public String obstinate() {
    calls.incrementAndGet();
    started.countDown();
    while (true) {
      try {
        release.await();
        return "finished anyway";
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
    }
  }
}
