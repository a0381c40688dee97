package dev.celeriac.coordinator;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.ConsumerOptions;
import dev.celeriac.api.spi.OutboundMessage;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** A publish-only broker that remembers when each task id was first published. */
final class RecordingBroker implements Broker {
  final Map<TaskId, Instant> publishedAt = new ConcurrentHashMap<>();
  final Map<TaskId, Integer> publishCount = new ConcurrentHashMap<>();

  @Override
  public CompletableFuture<Void> publish(OutboundMessage message) {
    publishedAt.putIfAbsent(message.id(), Instant.now());
    publishCount.merge(message.id(), 1, Integer::sum);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public BrokerConsumer subscribe(Set<String> queues, ConsumerOptions options) {
    throw new UnsupportedOperationException("the recording broker only records publishes");
  }

  @Override
  public void close() {}
}
