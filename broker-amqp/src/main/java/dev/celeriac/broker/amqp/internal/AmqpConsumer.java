package dev.celeriac.broker.amqp.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.Delivery;
import dev.celeriac.broker.amqp.StaleDeliveryException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer of one or more queues on one channel with manual acknowledgement. RabbitMQ pushes up
 * to the prefetch per queue; the deliveries wait in a bounded hand-off buffer that {@link #poll}
 * drains. Deliveries are settled on this channel, one settlement at a time.
 *
 * <p>When the connection is lost, every delivery received so far is stale: RabbitMQ requeued it,
 * and settling it fails with {@link StaleDeliveryException}. The recovered channel resumes
 * consuming, and the requeued messages come again.
 */
public final class AmqpConsumer implements BrokerConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(AmqpConsumer.class);

  private final Channel channel;
  private final Set<String> queues;
  private final BlockingQueue<AmqpDelivery> handOff;
  private final ReentrantLock settleLock = new ReentrantLock();
  private final AtomicLong channelEpoch = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicReference<@Nullable String> failure = new AtomicReference<>();

  private AmqpConsumer(Channel channel, Set<String> queues, int prefetch) {
    this.channel = channel;
    this.queues = Set.copyOf(queues);
    // The broker never pushes more than the prefetch per queue, so puts never wait for long.
    this.handOff = new LinkedBlockingQueue<>(prefetch * queues.size());
  }

  /**
   * Starts consuming {@code queues} on {@code channel} with {@code prefetch} unsettled deliveries
   * per queue; consumer tags start with {@code group}.
   *
   * @throws IOException if the broker refused the subscription
   */
  public static AmqpConsumer start(Channel channel, Set<String> queues, int prefetch, String group)
      throws IOException {
    var consumer = new AmqpConsumer(channel, queues, prefetch);
    channel.addShutdownListener(consumer::channelClosed);
    channel.basicQos(prefetch);
    for (String queue : consumer.queues) {
      channel.basicConsume(
          queue,
          false,
          group + "." + queue + "." + UUID.randomUUID(),
          consumer.new QueueConsumer(queue));
    }
    return consumer;
  }

  /**
   * Waits up to {@code timeout} for the first delivery, then takes what else is buffered, never
   * more than {@code maxMessages}. While the connection recovers, nothing arrives and the poll
   * returns an empty list after its timeout. Interrupting the polling thread returns what was taken
   * so far, with the interrupt status kept.
   *
   * @throws IllegalStateException if the consumer is closed
   * @throws BrokerException if RabbitMQ cancelled the subscription (a queue was deleted) or closed
   *     its channel for an error, such as a delivery held longer than its {@code consumer_timeout}
   */
  @Override
  public List<Delivery> poll(int maxMessages, Duration timeout) {
    if (maxMessages < 1) {
      throw new IllegalArgumentException("maxMessages must be >= 1, was " + maxMessages);
    }
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
    }
    checkUsable();
    List<Delivery> taken = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (taken.isEmpty()) {
        long remaining = deadline - System.nanoTime();
        AmqpDelivery first = handOff.poll(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
        if (first == null) {
          return taken;
        }
        takeIfCurrent(first, taken);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return taken;
    }
    List<AmqpDelivery> more = new ArrayList<>();
    handOff.drainTo(more, maxMessages - taken.size());
    more.forEach(d -> takeIfCurrent(d, taken));
    return taken;
  }

  /** True once {@link #close()} was called. */
  public boolean isClosed() {
    return closed.get();
  }

  private void takeIfCurrent(AmqpDelivery delivery, List<Delivery> taken) {
    // A delivery buffered before a connection loss is requeued by the broker and comes again.
    if (delivery.channelEpoch() == channelEpoch.get()) {
      taken.add(delivery);
    }
  }

  private void checkUsable() {
    if (closed.get()) {
      throw new IllegalStateException("the consumer of " + queues + " is closed");
    }
    String reason = failure.get();
    if (reason != null) {
      throw new BrokerException(reason);
    }
  }

  CompletableFuture<Void> settle(AmqpDelivery delivery, AmqpDelivery.Settlement settlement) {
    settleLock.lock();
    try {
      if (delivery.channelEpoch() != channelEpoch.get() || !channel.isOpen()) {
        return CompletableFuture.failedFuture(stale(delivery, settlement));
      }
      switch (settlement) {
        case ACK -> channel.basicAck(delivery.deliveryTag(), false);
        case RELEASE -> channel.basicNack(delivery.deliveryTag(), false, true);
        case REJECT -> channel.basicReject(delivery.deliveryTag(), false);
      }
      return CompletableFuture.completedFuture(null);
    } catch (IOException | AlreadyClosedException e) {
      return CompletableFuture.failedFuture(stale(delivery, settlement));
    } finally {
      settleLock.unlock();
    }
  }

  private StaleDeliveryException stale(AmqpDelivery delivery, AmqpDelivery.Settlement settlement) {
    String why = closed.get() ? "its consumer was closed" : "its connection to RabbitMQ was lost";
    return new StaleDeliveryException(
        delivery.queue(),
        "cannot "
            + settlement.name().toLowerCase(Locale.ROOT)
            + " "
            + delivery
            + ": "
            + why
            + ", so RabbitMQ has put the message back in its queue and will deliver it again");
  }

  private void channelClosed(ShutdownSignalException cause) {
    channelEpoch.incrementAndGet();
    handOff.clear();
    if (!cause.isInitiatedByApplication() && !cause.isHardError()) {
      // A channel error (such as RabbitMQ's consumer_timeout for a delivery held too long) is
      // not recovered by amqp-client, unlike a lost connection: this consumer is finished.
      failure.compareAndSet(
          null,
          "RabbitMQ closed the consumer channel of "
              + queues
              + ": "
              + AmqpErrors.replyText(cause)
              + "; its unsettled deliveries went back to their queues; subscribe again");
      LOG.warn("Consumer of {} stopped: {}", queues, AmqpErrors.replyText(cause));
    } else if (!cause.isInitiatedByApplication()) {
      LOG.info(
          "Consumer channel of {} closed ({}); unsettled deliveries go back to their queues",
          queues,
          AmqpErrors.replyText(cause));
    }
  }

  /**
   * Stops consuming; RabbitMQ puts every unsettled delivery, buffered or handed out, back in its
   * queue. Settling such a delivery afterwards fails with {@link StaleDeliveryException}.
   * Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      channel.close();
    } catch (IOException | TimeoutException | AlreadyClosedException e) {
      LOG.debug("Closing the consumer channel of {} failed; the broker requeues anyway", queues, e);
    }
    handOff.clear();
  }

  private final class QueueConsumer extends DefaultConsumer {
    private final String queue;

    QueueConsumer(String queue) {
      super(channel);
      this.queue = queue;
    }

    @Override
    public void handleDelivery(
        String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
      var delivery =
          new AmqpDelivery(
              AmqpConsumer.this,
              queue,
              envelope.getDeliveryTag(),
              channelEpoch.get(),
              body,
              MessageProperties.headers(properties),
              MessageProperties.deliveryCount(properties, envelope.isRedeliver()));
      try {
        handOff.put(delivery);
      } catch (InterruptedException e) {
        // amqp-client is shutting its dispatcher down; the broker requeues the delivery.
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void handleCancel(String consumerTag) {
      LOG.warn("RabbitMQ cancelled the consumer of queue '{}'", queue);
      failure.compareAndSet(
          null,
          "RabbitMQ cancelled the consumer of queue '"
              + queue
              + "', most likely because the queue was deleted; subscribe again to declare it");
    }
  }
}
