package dev.celeriac.worker.internal;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The threads processing deliveries right now, so a stopping worker can wait for them to end or
 * interrupt them. A waiter is woken when the last one ends, or by {@link #wakeWaiters()}.
 * Thread-safe.
 */
public final class InFlightDeliveries {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  // Guarded by lock.
  private final Set<Thread> threads = new HashSet<>();
  private boolean wakeRequested;

  /** Registers {@code thread}, about to be started, as processing a delivery. */
  public void enter(Thread thread) {
    lock.lock();
    try {
      threads.add(thread);
    } finally {
      lock.unlock();
    }
  }

  /** Unregisters the calling thread. */
  public void exit() {
    lock.lock();
    try {
      threads.remove(Thread.currentThread());
      if (threads.isEmpty()) {
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** How many deliveries are being processed. */
  public int size() {
    lock.lock();
    try {
      return threads.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until no delivery is in flight, {@code timeout} passed, or {@link #wakeWaiters()} was
   * called.
   *
   * @return true if none is in flight
   */
  public boolean awaitEmpty(Duration timeout) throws InterruptedException {
    long remaining = timeout.toNanos();
    lock.lock();
    try {
      while (!threads.isEmpty() && !wakeRequested && remaining > 0) {
        remaining = changed.awaitNanos(remaining);
      }
      return threads.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  /** Makes {@link #awaitEmpty} return now, and at once from then on. */
  public void wakeWaiters() {
    lock.lock();
    try {
      wakeRequested = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Interrupts every processing thread, which releases its delivery through the processor.
   *
   * @return how many were interrupted
   */
  public int interruptAll() {
    lock.lock();
    try {
      threads.forEach(Thread::interrupt);
      return threads.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits at most {@code timeout} until no delivery is in flight, whatever {@link #wakeWaiters()}
   * said: the last wait of a stopping worker, after it interrupted them.
   *
   * @return true if none is in flight
   */
  public boolean awaitAllEnded(Duration timeout) throws InterruptedException {
    long remaining = timeout.toNanos();
    lock.lock();
    try {
      while (!threads.isEmpty() && remaining > 0) {
        remaining = changed.awaitNanos(remaining);
      }
      return threads.isEmpty();
    } finally {
      lock.unlock();
    }
  }
}
