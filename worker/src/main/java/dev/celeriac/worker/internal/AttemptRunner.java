package dev.celeriac.worker.internal;

import dev.celeriac.api.TaskDefinition;
import dev.celeriac.api.TaskMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs the body of one attempt with its {@link DefaultTaskContext} through the {@link
 * TimeoutRunner}: CPU-bound tasks on the CPU pool when there is one, every other task on its own
 * virtual thread. The message's timeout wins over the definition's. Thread-safe.
 */
public final class AttemptRunner {
  private final TimeoutRunner timeouts;
  private final @Nullable Executor cpuPool;

  /**
   * A runner that enforces timeouts with {@code timeouts} and runs CPU-bound tasks on {@code
   * cpuPool} (null: on virtual threads like the others).
   */
  public AttemptRunner(TimeoutRunner timeouts, @Nullable Executor cpuPool) {
    this.timeouts = timeouts;
    this.cpuPool = cpuPool;
  }

  /** Runs {@code message}'s attempt, started at {@code startedAt}, with decoded {@code args}. */
  public AttemptResult run(
      TaskInvoker invoker,
      TaskDefinition definition,
      TaskMessage message,
      List<@Nullable Object> args,
      Instant startedAt) {
    Duration timeout = message.timeout() != null ? message.timeout() : definition.timeout();
    var context =
        new DefaultTaskContext(
            message,
            definition.retryPolicy().maxAttempts(),
            timeout == null ? null : startedAt.plus(timeout));
    Supplier<AttemptResult> body = () -> invoker.invoke(args, context);
    return timeouts.run(
        body,
        timeout,
        context,
        "celeriac-" + message.task() + "-" + message.id(),
        definition.cpuBound() ? cpuPool : null);
  }
}
