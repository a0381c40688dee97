package dev.celeriac.api.spi;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * An optional capability of a {@link Broker}: how many messages wait in a queue. The web console
 * shows it as the queue's depth.
 *
 * <p>Thread-safe; the answer is a snapshot that may be stale by the time it returns. Throws a
 * {@link BrokerException} if the broker cannot be asked.
 *
 * <p>Stability: may change between minor versions.
 */
public interface QueueInspector {

  /**
   * The number of messages ready for delivery in {@code queue} (not counting those delivered and
   * not yet acknowledged), or empty if the broker has no such queue.
   */
  OptionalLong readyCount(String queue);

  /**
   * How much work waits in {@code queue}, with each partition's lag on a partitioned broker, or
   * empty if the broker has no such queue. The default answers {@link #readyCount} without
   * partitions.
   */
  default Optional<QueueDepth> queueDepth(String queue) {
    OptionalLong ready = readyCount(queue);
    return ready.isPresent() ? Optional.of(QueueDepth.of(ready.getAsLong())) : Optional.empty();
  }
}
