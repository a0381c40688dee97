package dev.celeriac.worker;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.ConsumerOptions;
import dev.celeriac.api.spi.Delivery;
import dev.celeriac.api.spi.OutboundMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A broker that passes everything to another one and records, for each poll, how many deliveries
 * were asked for while how many earlier ones were still unsettled: what back-pressure is judged by.
 */
final class ObservedBroker implements Broker {
  /** One poll: {@code asked} deliveries asked for while {@code unsettled} were held. */
  record Poll(int asked, int unsettled, int received) {}

  private final Broker delegate;
  private final AtomicInteger unsettled = new AtomicInteger();
  private final List<Poll> polls = new CopyOnWriteArrayList<>();

  ObservedBroker(Broker delegate) {
    this.delegate = delegate;
  }

  List<Poll> polls() {
    return List.copyOf(polls);
  }

  @Override
  public CompletableFuture<Void> publish(OutboundMessage message) {
    return delegate.publish(message);
  }

  @Override
  public BrokerConsumer subscribe(Set<String> queues, ConsumerOptions options) {
    BrokerConsumer consumer = delegate.subscribe(queues, options);
    return new BrokerConsumer() {
      @Override
      public List<Delivery> poll(int maxMessages, Duration timeout) {
        int held = unsettled.get();
        List<Delivery> received = consumer.poll(maxMessages, timeout);
        unsettled.addAndGet(received.size());
        polls.add(new Poll(maxMessages, held, received.size()));
        return received.stream().<Delivery>map(ObservedDelivery::new).toList();
      }

      @Override
      public void close() {
        consumer.close();
      }
    };
  }

  @Override
  public void close() {
    delegate.close();
  }

  private final class ObservedDelivery implements Delivery {
    private final Delivery delivery;

    ObservedDelivery(Delivery delivery) {
      this.delivery = delivery;
    }

    @Override
    public String queue() {
      return delivery.queue();
    }

    @Override
    public byte[] body() {
      return delivery.body();
    }

    @Override
    public Map<String, String> headers() {
      return delivery.headers();
    }

    @Override
    public @Nullable TaskId taskId() {
      return delivery.taskId();
    }

    @Override
    public int deliveryCount() {
      return delivery.deliveryCount();
    }

    @Override
    public CompletableFuture<Void> ack() {
      return settled(delivery::ack);
    }

    @Override
    public CompletableFuture<Void> release() {
      return settled(delivery::release);
    }

    @Override
    public CompletableFuture<Void> reject() {
      return settled(delivery::reject);
    }

    private CompletableFuture<Void> settled(Supplier<CompletableFuture<Void>> settle) {
      CompletableFuture<Void> result = settle.get();
      unsettled.decrementAndGet();
      return result;
    }
  }
}
