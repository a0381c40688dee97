package dev.celeriac.coordinator.internal;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A wake-up signal for one loop: {@link #await} returns when the wait is over, when {@link
 * #signal()} was called since the last await, or when the thread is interrupted. Signals are not
 * counted: several before one await wake it once.
 */
public final class Wakeup {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition signalled = lock.newCondition();
  private boolean pending;

  /** Wakes the waiting loop, or makes its next wait return at once. Any thread; never blocks. */
  public void signal() {
    lock.lock();
    try {
      pending = true;
      signalled.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits up to {@code wait} for a signal.
   *
   * @throws InterruptedException if the thread is interrupted (the loop is being stopped)
   */
  public void await(Duration wait) throws InterruptedException {
    lock.lock();
    try {
      long nanos = wait.toNanos();
      while (!pending && nanos > 0) {
        nanos = signalled.awaitNanos(nanos);
      }
      pending = false;
    } finally {
      lock.unlock();
    }
  }
}
