package dev.celeriac.worker;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.Delivery;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A delivery that records how it was settled and the task's state in the store at that moment, so
 * tests can check that settling waits for the commit.
 */
final class RecordingDelivery implements Delivery {
  enum Kind {
    ACK,
    RELEASE,
    REJECT
  }

  record Settlement(Kind kind, @Nullable TaskState storedState) {}

  private final String queue;
  private final byte[] body;
  private final @Nullable TaskId taskId;
  private final FakeTaskStore store;
  private final List<Settlement> settlements = new CopyOnWriteArrayList<>();
  private volatile int deliveryCount = 1;

  RecordingDelivery(String queue, byte[] body, @Nullable TaskId taskId, FakeTaskStore store) {
    this.queue = queue;
    this.body = body.clone();
    this.taskId = taskId;
    this.store = store;
  }

  @Override
  public String queue() {
    return queue;
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public Map<String, String> headers() {
    return taskId == null ? Map.of() : Map.of("id", taskId.toString());
  }

  @Override
  public @Nullable TaskId taskId() {
    return taskId;
  }

  @Override
  public int deliveryCount() {
    return deliveryCount;
  }

  /** This delivery as the broker's {@code count}th delivery of its message. */
  RecordingDelivery deliveredTimes(int count) {
    this.deliveryCount = count;
    return this;
  }

  @Override
  public CompletableFuture<Void> ack() {
    return settle(Kind.ACK);
  }

  @Override
  public CompletableFuture<Void> release() {
    return settle(Kind.RELEASE);
  }

  @Override
  public CompletableFuture<Void> reject() {
    return settle(Kind.REJECT);
  }

  private synchronized CompletableFuture<Void> settle(Kind kind) {
    if (!settlements.isEmpty()) {
      throw new IllegalStateException("already settled as " + settlements.getFirst().kind());
    }
    TaskState stored = taskId == null ? null : store.state(taskId).orElse(null);
    settlements.add(new Settlement(kind, stored));
    return CompletableFuture.completedFuture(null);
  }

  /** Every settlement, in order; a correct processor makes exactly one. */
  List<Settlement> settlements() {
    return List.copyOf(settlements);
  }
}
