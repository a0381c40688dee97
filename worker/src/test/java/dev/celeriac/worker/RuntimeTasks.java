package dev.celeriac.worker;

import dev.celeriac.api.Retry;
import dev.celeriac.api.Task;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Tasks for the worker runtime's tests, with gates the tests open and counters they read. */
public final class RuntimeTasks {
  final CountDownLatch gate = new CountDownLatch(1);
  final CountDownLatch longGate = new CountDownLatch(1);
  final AtomicInteger running = new AtomicInteger();
  final AtomicInteger maxRunning = new AtomicInteger();
  final AtomicInteger entered = new AtomicInteger();
  final AtomicInteger interrupted = new AtomicInteger();
  final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
  volatile String lastThread = "";
  volatile boolean lastThreadVirtual = true;

  @Task(name = "rt.add")
  public int add(int a, int b) {
    count("add");
    return a + b;
  }

  /** Runs until the test opens {@link #gate}. */
  @Task(name = "rt.blocking")
  public String blocking(String label) throws InterruptedException {
    count(label);
    enter();
    try {
      gate.await();
      return label;
    } catch (InterruptedException e) {
      interrupted.incrementAndGet();
      throw e;
    } finally {
      running.decrementAndGet();
    }
  }

  /** Runs until the test opens {@link #longGate}. */
  @Task(name = "rt.long")
  public String longRunning(String label) throws InterruptedException {
    return blockOn(longGate, label);
  }

  /** Runs until the test opens {@link #gate}; short next to {@code rt.long}. */
  @Task(name = "rt.short")
  public String shortRunning(String label) throws InterruptedException {
    return blockOn(gate, label);
  }

  @Task(name = "rt.flaky", retry = @Retry(maxAttempts = 3, backoff = "20ms..20ms", jitter = false))
  public String flaky(String key) {
    if (count(key) == 1) {
      throw new IllegalStateException("the first attempt of " + key + " fails");
    }
    return "recovered " + key;
  }

  @Task(name = "rt.broken", retry = @Retry(maxAttempts = 1))
  public void broken() {
    count("broken");
    throw new IllegalArgumentException("broken for good");
  }

  @Task(name = "rt.retried", retry = @Retry(maxAttempts = 5, backoff = "1h..1h", jitter = false))
  public void retried() {
    count("retried");
    throw new IllegalStateException("fails now, retried in an hour");
  }

  @Task(name = "rt.crunch", cpuBound = true)
  public long crunch(int n) {
    count("crunch");
    lastThread = Thread.currentThread().getName();
    lastThreadVirtual = Thread.currentThread().isVirtual();
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += i;
    }
    return sum;
  }

  /** Ignores interrupts until {@link #longGate} opens. */
  @Task(name = "rt.stubborn")
  public void stubborn() {
    count("stubborn");
    enter();
    try {
      while (true) {
        try {
          longGate.await();
          return;
        } catch (InterruptedException e) {
          interrupted.incrementAndGet();
        }
      }
    } finally {
      running.decrementAndGet();
    }
  }

  private String blockOn(CountDownLatch latch, String label) throws InterruptedException {
    count(label);
    enter();
    try {
      latch.await();
      return label;
    } catch (InterruptedException e) {
      interrupted.incrementAndGet();
      throw e;
    } finally {
      running.decrementAndGet();
    }
  }

  private void enter() {
    entered.incrementAndGet();
    int now = running.incrementAndGet();
    maxRunning.accumulateAndGet(now, Math::max);
  }

  int runs(String key) {
    AtomicInteger count = runs.get(key);
    return count == null ? 0 : count.get();
  }

  private int count(String key) {
    return runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
  }
}
