package dev.celeriac.api.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.celeriac.api.CeleriacException;
import dev.celeriac.api.ResultTimeoutException;
import dev.celeriac.api.RevokeMode;
import dev.celeriac.api.TaskFailedException;
import dev.celeriac.api.TaskHandle;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.UnknownTaskIdException;
import dev.celeriac.api.spi.TaskRecord;
import dev.celeriac.api.spi.TaskStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/** A {@link TaskHandle} that reads the task from a {@link TaskStore}. */
final class DefaultTaskHandle<R> implements TaskHandle<R> {
  private final TaskId id;
  private final TaskStore store;
  private final InstantSource clock;
  private final JavaType resultType;

  DefaultTaskHandle(TaskId id, TaskStore store, InstantSource clock, JavaType resultType) {
    this.id = id;
    this.store = store;
    this.clock = clock;
    this.resultType = resultType;
  }

  @Override
  public TaskId id() {
    return id;
  }

  @Override
  public TaskState state() {
    return store.find(id).map(TaskRecord::state).orElseThrow(() -> new UnknownTaskIdException(id));
  }

  @Override
  public @Nullable R get(Duration timeout) {
    CompletableFuture<TaskRecord> finished = store.whenFinished(id);
    try {
      return resultOf(finished.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      finished.cancel(false);
      // An id the store never saw is unknown, not PENDING (DESIGN.md, States).
      TaskState last =
          store.find(id).map(TaskRecord::state).orElseThrow(() -> new UnknownTaskIdException(id));
      throw new ResultTimeoutException(id, timeout, last);
    } catch (ExecutionException e) {
      throw new CeleriacException("waiting for task " + id + " failed", e.getCause());
    } catch (InterruptedException e) {
      finished.cancel(false);
      Thread.currentThread().interrupt();
      throw new CeleriacException("interrupted while waiting for task " + id, e);
    }
  }

  @Override
  public CompletableFuture<@Nullable R> toCompletableFuture() {
    CompletableFuture<TaskRecord> finished = store.whenFinished(id);
    CompletableFuture<@Nullable R> result = finished.thenApply(this::resultOf);
    result.whenComplete(
        (value, error) -> {
          if (result.isCancelled()) {
            finished.cancel(false);
          }
        });
    return result;
  }

  @Override
  public boolean revoke(RevokeMode mode) {
    return store.revoke(id, clock.instant(), mode).join().applied();
  }

  private @Nullable R resultOf(TaskRecord record) {
    if (record.state() != TaskState.SUCCEEDED) {
      throw new TaskFailedException(id, record.state(), record.failure());
    }
    JsonNode result = record.result();
    if (result == null
        || result.isNull()
        || resultType.hasRawClass(Void.TYPE)
        || resultType.hasRawClass(Void.class)) {
      return null;
    }
    if (resultType.hasRawClass(JsonNode.class)) {
      @SuppressWarnings("unchecked")
      R node = (R) result;
      return node;
    }
    return JsonMappers.standard().convertValue(result, resultType);
  }
}
