package dev.celeriac.bench;

import dev.celeriac.api.Task;

/**
 * The tasks the benchmark submits. Public with a public no-argument constructor, so a worker
 * process registers it by name. Every scenario submits them to its own queue with a queue override.
 */
public final class BenchTasks {
  /** A public constructor for the worker process. */
  public BenchTasks() {}

  /** Does nothing: what end-to-end throughput and latency measure is Celeriac's own cost. */
  @Task(name = "bench.noop")
  public void noop() {}

  /** Sleeps {@code millis}, interruptibly: an I/O-bound task holding a virtual thread. */
  @Task(name = "bench.sleep")
  public void sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }
}
