package dev.celeriac.worker.internal;

import dev.celeriac.api.TaskDefinition;
import dev.celeriac.api.TaskMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs the body of one attempt with its {@link DefaultTaskContext}: on the calling thread when the
 * task has no timeout, else on its own virtual thread through the {@link TimeoutRunner}. The
 * message's timeout wins over the definition's. Thread-safe.
 */
public final class AttemptRunner {
  private final TimeoutRunner timeouts;

  /** A runner that enforces timeouts with {@code timeouts}. */
  public AttemptRunner(TimeoutRunner timeouts) {
    this.timeouts = timeouts;
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
    if (timeout == null) {
      return body.get();
    }
    return timeouts.run(body, timeout, context, "celeriac-" + message.task() + "-" + message.id());
  }
}
