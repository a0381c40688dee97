package dev.celeriac.testing.internal;

import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.testing.RejectedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The queues of an in-memory broker and every move a message makes between them. One lock guards
 * all queues, so a consumer of several queues sees one consistent priority order; a condition wakes
 * waiting consumers whenever a message becomes ready or a consumer gets room.
 */
public final class MessageQueues {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<String, QueueState> queues = new HashMap<>();
  private long sequence;

  /** Appends {@code message} to its queue, creating the queue on first use. */
  public void publish(OutboundMessage message) {
    lock.lock();
    try {
      queue(message.queue()).ready.add(new QueuedMessage(message, sequence++, 0));
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** A new consumer of {@code names} that holds at most {@code prefetch} unsettled deliveries. */
  public InMemoryConsumer consumer(Set<String> names, int prefetch) {
    return new InMemoryConsumer(this, Set.copyOf(names), prefetch);
  }

  List<InMemoryDelivery> take(InMemoryConsumer consumer, int max, Duration timeout) {
    long remaining = timeout.toNanos();
    consumer.checkOpen();
    lock.lock();
    try {
      while (true) {
        if (consumer.isClosed()) {
          // Closed by another thread while this one waited: its deliveries went back already.
          return List.of();
        }
        List<InMemoryDelivery> taken = takeReady(consumer, max);
        if (!taken.isEmpty() || remaining <= 0) {
          return taken;
        }
        remaining = changed.awaitNanos(remaining);
      }
    } catch (InterruptedException e) {
      // The caller is being stopped; keep its interrupt status and hand it nothing.
      Thread.currentThread().interrupt();
      return List.of();
    } finally {
      lock.unlock();
    }
  }

  private List<InMemoryDelivery> takeReady(InMemoryConsumer consumer, int max) {
    List<InMemoryDelivery> taken = new ArrayList<>();
    while (taken.size() < max && consumer.hasRoom()) {
      QueueState best = bestQueue(consumer.queues());
      if (best == null) {
        break;
      }
      QueuedMessage next = best.ready.poll().delivered();
      var delivery = new InMemoryDelivery(this, consumer, next);
      best.inFlight.add(delivery);
      consumer.unsettled().add(delivery);
      taken.add(delivery);
    }
    return taken;
  }

  private @Nullable QueueState bestQueue(Set<String> names) {
    QueueState best = null;
    for (String name : names) {
      QueueState candidate = queues.get(name);
      if (candidate == null || candidate.ready.isEmpty()) {
        continue;
      }
      if (best == null
          || QueuedMessage.DELIVERY_ORDER.compare(candidate.ready.peek(), best.ready.peek()) < 0) {
        best = candidate;
      }
    }
    return best;
  }

  void settle(InMemoryDelivery delivery, Settlement settlement) {
    lock.lock();
    try {
      if (delivery.settledAs() != null) {
        throw new IllegalStateException(
            "delivery of task "
                + delivery.message().id()
                + " was already settled ("
                + delivery.settledAs()
                + "); settle each delivery exactly once");
      }
      apply(delivery, settlement);
    } finally {
      lock.unlock();
    }
  }

  void close(InMemoryConsumer consumer) {
    lock.lock();
    try {
      for (InMemoryDelivery delivery : List.copyOf(consumer.unsettled())) {
        apply(delivery, Settlement.RELEASED_ON_CLOSE);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void apply(InMemoryDelivery delivery, Settlement settlement) {
    delivery.markSettled(settlement);
    delivery.consumer().unsettled().remove(delivery);
    QueueState queue = queue(delivery.queue());
    queue.inFlight.remove(delivery);
    switch (settlement) {
      case ACKED -> {}
      case RELEASED, RELEASED_ON_CLOSE -> queue.ready.add(delivery.entry());
      case REJECTED ->
          queue.rejected.add(new RejectedMessage(delivery.message(), delivery.deliveryCount()));
    }
    // A settlement frees room in the consumer's prefetch, and a release makes a message ready.
    changed.signalAll();
  }

  /** How many messages of {@code name} wait for delivery. */
  public int depth(String name) {
    return read(name, q -> q.ready.size());
  }

  /** How many messages of {@code name} are delivered and not yet settled. */
  public int inFlight(String name) {
    return read(name, q -> q.inFlight.size());
  }

  /** The messages of {@code name} waiting for delivery, in the order they will be delivered. */
  public List<OutboundMessage> ready(String name) {
    return read(
        name,
        q ->
            q.ready.stream()
                .sorted(QueuedMessage.DELIVERY_ORDER)
                .map(QueuedMessage::message)
                .toList());
  }

  /** The messages of {@code name} that consumers rejected, oldest first. */
  public List<RejectedMessage> rejected(String name) {
    return read(name, q -> List.copyOf(q.rejected));
  }

  private <T> T read(String name, Function<QueueState, T> view) {
    lock.lock();
    try {
      return view.apply(queue(name));
    } finally {
      lock.unlock();
    }
  }

  private QueueState queue(String name) {
    return queues.computeIfAbsent(name, n -> new QueueState());
  }

  /** How a delivery was settled. */
  enum Settlement {
    ACKED,
    RELEASED,
    REJECTED,
    RELEASED_ON_CLOSE
  }
}
