package dev.celeriac.testing;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.ConsumerOptions;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.api.spi.QueueInspector;
import dev.celeriac.testing.internal.InMemoryConsumer;
import dev.celeriac.testing.internal.MessageQueues;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Broker} in memory with the delivery semantics of a real one, for tests without a server.
 * It passes the same {@code BrokerContractTest} as the Kafka and RabbitMQ brokers.
 *
 * <ul>
 *   <li>Queues are created on first use. Within a queue, higher priority is delivered first, and
 *       messages of one priority in publish order.
 *   <li>At-least-once: a delivered message is invisible until it is settled. {@link
 *       dev.celeriac.api.spi.Delivery#ack() ack} forgets it; {@link
 *       dev.celeriac.api.spi.Delivery#release() release} and closing the consumer put it back, and
 *       its next delivery counts one more; {@link dev.celeriac.api.spi.Delivery#reject() reject}
 *       moves it to the queue's {@link #deadLetters(String) dead letters}. Settling twice throws
 *       {@link IllegalStateException}.
 *   <li>All consumers of a queue share its messages, whatever their {@link ConsumerOptions#group()
 *       group} (as on RabbitMQ, where the group is a label). A consumer holds at most {@link
 *       ConsumerOptions#prefetch()} unsettled deliveries; delivery locks never expire, so only a
 *       settlement or {@code close()} gives a message back.
 *   <li>{@link #failPublishes(String)} simulates a broker that is down, to test error paths.
 * </ul>
 *
 * <p>Thread-safe; every future it returns is already complete.
 */
public final class InMemoryBroker implements Broker, QueueInspector {
  private final MessageQueues queues = new MessageQueues();
  private final Set<InMemoryConsumer> consumers = ConcurrentHashMap.newKeySet();
  private final AtomicReference<@Nullable String> outage = new AtomicReference<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** An empty broker. */
  public InMemoryBroker() {}

  /**
   * Appends {@code message} to its queue and wakes a waiting consumer. The future fails with a
   * {@link BrokerException} while {@link #failPublishes(String) publishes fail} or after {@link
   * #close()}; then nothing is queued.
   */
  @Override
  public CompletableFuture<Void> publish(OutboundMessage message) {
    requireNonNull(message, "message");
    String reason = outage.get();
    if (reason != null) {
      return CompletableFuture.failedFuture(
          new BrokerException(
              "in-memory broker refused the publish to " + message.queue() + ": " + reason));
    }
    if (closed.get()) {
      return CompletableFuture.failedFuture(
          new BrokerException("in-memory broker is closed; cannot publish to " + message.queue()));
    }
    queues.publish(message);
    return CompletableFuture.completedFuture(null);
  }

  /**
   * A consumer of {@code queues}. Its {@code poll} blocks until a message is ready (no busy wait).
   *
   * @throws IllegalArgumentException if {@code queues} is empty
   * @throws IllegalStateException if the broker is closed
   */
  @Override
  public BrokerConsumer subscribe(Set<String> queues, ConsumerOptions options) {
    requireNonNull(options, "options");
    if (requireNonNull(queues, "queues").isEmpty()) {
      throw new IllegalArgumentException("subscribe to at least one queue");
    }
    if (closed.get()) {
      throw new IllegalStateException("in-memory broker is closed");
    }
    InMemoryConsumer consumer = this.queues.consumer(queues, options.prefetch());
    consumers.removeIf(InMemoryConsumer::isClosed);
    consumers.add(consumer);
    return consumer;
  }

  /**
   * Makes every later {@link #publish} fail with a {@link BrokerException} carrying {@code reason},
   * as a broker that is down would, until {@link #resumePublishes()}. Consumers keep working.
   */
  public void failPublishes(String reason) {
    outage.set(requireNonNull(reason, "reason"));
  }

  /** Ends {@link #failPublishes(String)}: publishes succeed again. */
  public void resumePublishes() {
    outage.set(null);
  }

  /** How many messages of {@code queue} wait for delivery (not counting unsettled ones). */
  public int depth(String queue) {
    return queues.depth(queue);
  }

  /**
   * The same as {@link #depth(String)}, for the console. Queues exist from their first use, so the
   * answer is never empty (an unused queue has zero messages).
   */
  @Override
  public OptionalLong readyCount(String queue) {
    return OptionalLong.of(queues.depth(requireNonNull(queue, "queue")));
  }

  /** How many messages of {@code queue} are delivered and not yet settled. */
  public int inFlight(String queue) {
    return queues.inFlight(queue);
  }

  /** The messages of {@code queue} waiting for delivery, in the order they will be delivered. */
  public List<OutboundMessage> queued(String queue) {
    return queues.ready(queue);
  }

  /** The messages of {@code queue} that consumers rejected, oldest first. */
  public List<RejectedMessage> deadLetters(String queue) {
    return queues.rejected(queue);
  }

  /**
   * Closes every consumer (their unsettled deliveries go back to their queues) and refuses later
   * publishes and subscriptions. Queued messages stay inspectable. Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      consumers.forEach(InMemoryConsumer::close);
      consumers.clear();
    }
  }
}
