package dev.celeriac.testing.internal;

import dev.celeriac.testing.RejectedMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/** One named queue: messages ready for delivery, deliveries not yet settled, rejected messages. */
final class QueueState {
  final PriorityQueue<QueuedMessage> ready = new PriorityQueue<>(QueuedMessage.DELIVERY_ORDER);
  final Set<InMemoryDelivery> inFlight = new LinkedHashSet<>();
  final List<RejectedMessage> rejected = new ArrayList<>();
}
