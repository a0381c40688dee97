package dev.celeriac.worker.internal;

import dev.celeriac.api.TaskContext;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@link TaskContext} of one attempt. Thread-safe: {@link #cancel} may come from any thread.
 */
public final class DefaultTaskContext implements TaskContext {
  private final TaskMessage message;
  private final int maxAttempts;
  private final @Nullable Instant deadline;
  private volatile boolean cancelled;

  /** The context of the attempt {@code message} carries, which must end by {@code deadline}. */
  public DefaultTaskContext(TaskMessage message, int maxAttempts, @Nullable Instant deadline) {
    this.message = message;
    this.maxAttempts = maxAttempts;
    this.deadline = deadline;
  }

  @Override
  public TaskId taskId() {
    return message.id();
  }

  @Override
  public String taskName() {
    return message.task();
  }

  @Override
  public int attempt() {
    return message.attempt();
  }

  @Override
  public int maxAttempts() {
    return maxAttempts;
  }

  @Override
  public @Nullable Instant deadline() {
    return deadline;
  }

  @Override
  public Map<String, String> headers() {
    return message.headers();
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  /** Marks the attempt as cancelled; task code sees it through {@link #isCancelled()}. */
  public void cancel() {
    cancelled = true;
  }
}
