package dev.celeriac.bench.jmh;

import dev.celeriac.api.Task;

/** The task the dispatch benchmark runs: nothing, so only Celeriac's own path is measured. */
public class NoOpTasks {
  /** Does nothing; its (null) result is still recorded. */
  @Task(name = "bench.noop")
  public void noop() {}
}
