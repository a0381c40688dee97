package dev.celeriac.bench.jmh;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.Delivery;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A first delivery whose settlements cost nothing, as if the broker took them at once: the dispatch
 * benchmark measures the worker, not a broker. Remembers how it was settled, once.
 */
final class BenchDelivery implements Delivery {
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final byte[] body;
  private final TaskId taskId;
  private final AtomicReference<String> settlement = new AtomicReference<>();

  BenchDelivery(byte[] body, TaskId taskId) {
    this.body = body;
    this.taskId = taskId;
  }

  @Override
  public String queue() {
    return BenchMessages.QUEUE;
  }

  @Override
  public byte[] body() {
    return body;
  }

  @Override
  public Map<String, String> headers() {
    return Map.of("id", taskId.toString(), "task", "bench.noop");
  }

  @Override
  public TaskId taskId() {
    return taskId;
  }

  @Override
  public int deliveryCount() {
    return 1;
  }

  @Override
  public CompletableFuture<Void> ack() {
    return settle("ack");
  }

  @Override
  public CompletableFuture<Void> release() {
    return settle("release");
  }

  @Override
  public CompletableFuture<Void> reject() {
    return settle("reject");
  }

  /** How it was settled ({@code ack}, {@code release}, {@code reject}), or null if not yet. */
  String settlement() {
    return settlement.get();
  }

  private CompletableFuture<Void> settle(String kind) {
    if (!settlement.compareAndSet(null, kind)) {
      throw new IllegalStateException("settled twice: " + settlement.get() + ", then " + kind);
    }
    return DONE;
  }
}
