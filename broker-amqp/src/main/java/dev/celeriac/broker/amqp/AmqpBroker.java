package dev.celeriac.broker.amqp;

import static java.util.Objects.requireNonNull;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.ConsumerOptions;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.api.spi.QueueInspector;
import dev.celeriac.broker.amqp.internal.AmqpConsumer;
import dev.celeriac.broker.amqp.internal.ConnectionFactories;
import dev.celeriac.broker.amqp.internal.LazyConnection;
import dev.celeriac.broker.amqp.internal.Publisher;
import dev.celeriac.broker.amqp.internal.QueueDepths;
import dev.celeriac.broker.amqp.internal.Topology;
import java.io.IOException;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link Broker} on RabbitMQ (tested against 3.10).
 *
 * <ul>
 *   <li><b>Topology.</b> Each queue is declared on first use (publish or subscribe): a durable
 *       quorum queue with {@code x-delivery-limit} (or a classic queue with {@code x-max-priority}
 *       9 if {@link AmqpBrokerConfig#priorityQueues() configured so}) bound by its name to the
 *       direct exchange, and its dead-letter queue {@code <queue>.dead} behind the exchange {@code
 *       <exchange>.dead}. Declarations are idempotent; a conflicting existing queue fails with a
 *       {@link QueueDeclarationException}.
 *   <li><b>Publishing.</b> Persistent messages with the mandatory flag over a small pool of
 *       confirm-mode channels; confirms are handled asynchronously, in batches. {@link #publish}
 *       completes on the confirm and fails with a {@link BrokerException} on a nack, on a return
 *       (no queue to route to) or when no confirm came within {@link
 *       AmqpBrokerConfig#publishTimeout()}. Publishes cut off by a lost connection are sent again
 *       once it recovers, so a message may be stored twice (at-least-once). Headers repeat the task
 *       id ({@link OutboundMessage#ID_HEADER}), name ({@link OutboundMessage#TASK_HEADER}) and
 *       priority ({@link #PRIORITY_HEADER}).
 *   <li><b>Consuming.</b> Manual acknowledgement, the consumer's prefetch per queue, {@code ack} as
 *       {@code basic.ack}, {@code release} as {@code basic.nack} with requeue, {@code reject} as
 *       {@code basic.reject} without requeue, which dead-letters to {@code <queue>.dead}. A quorum
 *       queue also dead-letters a message delivered more than the delivery limit. The delivery
 *       count comes from the quorum queue's {@code x-delivery-count}; a classic queue only says
 *       "redelivered", counted as 2.
 *   <li><b>Recovery.</b> Connections, channels, consumers and declarations recover automatically
 *       after a connection loss. RabbitMQ requeues the unsettled deliveries of the lost channel;
 *       settling one of them afterwards fails its future with a {@link StaleDeliveryException} and
 *       the message is delivered again.
 * </ul>
 *
 * <p>Publishing and consuming use one connection each, opened on first use: a broker is cheap to
 * create and {@link #create} never blocks. Thread-safe.
 */
public final class AmqpBroker implements Broker, QueueInspector {
  /** The broker header that repeats the message's priority, 0 to 9, as text. */
  public static final String PRIORITY_HEADER = "celeriac-priority";

  private final AmqpBrokerConfig config;
  private final Topology topology;
  private final LazyConnection publishConnection;
  private final LazyConnection consumeConnection;
  private final ScheduledThreadPoolExecutor timer;
  private final Publisher publisher;
  private final QueueDepths depths;
  private final Set<AmqpConsumer> consumers = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private AmqpBroker(AmqpBrokerConfig config) {
    this.config = config;
    this.topology = new Topology(config);
    ConnectionFactory factory = ConnectionFactories.create(config);
    String target = ConnectionFactories.redacted(config.uri());
    this.timer =
        new ScheduledThreadPoolExecutor(
            1,
            Thread.ofPlatform()
                .daemon()
                .name(config.connectionName() + "-publish-timer")
                .factory());
    timer.setRemoveOnCancelPolicy(true);
    this.publishConnection =
        new LazyConnection(factory, config.connectionName() + "-publish", target, this::resend);
    this.consumeConnection =
        new LazyConnection(factory, config.connectionName() + "-consume", target, () -> {});
    this.publisher = new Publisher(config, publishConnection, topology, timer);
    this.depths = new QueueDepths(consumeConnection);
  }

  /**
   * A broker for {@code config}. It connects on first use, so this never blocks and succeeds even
   * while RabbitMQ is down.
   *
   * @throws IllegalArgumentException if the URI cannot be used
   */
  public static AmqpBroker create(AmqpBrokerConfig config) {
    return new AmqpBroker(requireNonNull(config, "config"));
  }

  /**
   * Publishes {@code message} to its queue, declaring the queue on first use. The first call opens
   * the publishing connection on the calling thread, bounded by {@link
   * AmqpBrokerConfig#connectTimeout()}; so is a queue's first declaration. The future completes on
   * amqp-client's connection thread or the broker's timer thread; do not block in it.
   *
   * <p>It fails with a {@link BrokerException} if the broker cannot be reached, nacks the message,
   * returns it as unroutable, or does not confirm it within {@link
   * AmqpBrokerConfig#publishTimeout()}; with a {@link QueueDeclarationException} if the queue
   * exists with other settings; and after {@link #close()}.
   */
  @Override
  public CompletableFuture<Void> publish(OutboundMessage message) {
    requireNonNull(message, "message");
    if (closed.get()) {
      return CompletableFuture.failedFuture(
          new BrokerException(
              "the RabbitMQ broker is closed; cannot publish to " + message.queue()));
    }
    return publisher.publish(message);
  }

  /**
   * Subscribes to {@code queues} on a new channel, declaring each queue first. The consumer holds
   * at most {@link ConsumerOptions#prefetch()} unsettled deliveries per queue; its consumer tags
   * start with {@link ConsumerOptions#group()} (on RabbitMQ all consumers of a queue share its
   * messages, whatever their group). {@link ConsumerOptions#lockDuration()} does not apply:
   * RabbitMQ keeps a delivery until its channel settles it or closes, or until the server's {@code
   * consumer_timeout} (30 minutes by default) passes; then RabbitMQ closes the channel, and the
   * next {@code poll} throws a {@link BrokerException} so the caller can subscribe again.
   *
   * @throws IllegalArgumentException if {@code queues} is empty
   * @throws IllegalStateException if the broker is closed
   * @throws QueueDeclarationException if a queue exists with other settings
   * @throws BrokerException if the broker cannot be reached or refused the subscription
   */
  @Override
  public BrokerConsumer subscribe(Set<String> queues, ConsumerOptions options) {
    requireNonNull(options, "options");
    if (requireNonNull(queues, "queues").isEmpty()) {
      throw new IllegalArgumentException("subscribe to at least one queue");
    }
    if (closed.get()) {
      throw new IllegalStateException("the RabbitMQ broker is closed");
    }
    Connection connection = consumeConnection.get();
    queues.forEach(queue -> topology.declare(connection, queue));
    Channel channel = openChannel(connection);
    try {
      AmqpConsumer consumer =
          AmqpConsumer.start(channel, queues, options.prefetch(), options.group());
      consumers.add(consumer);
      return consumer;
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      throw new BrokerException(
          "RabbitMQ refused the subscription to " + queues + ": " + e.getMessage(), e);
    }
  }

  /**
   * The number of ready messages in {@code queue} (unacknowledged deliveries not counted), read
   * with a passive declare on a short-lived channel of the consuming connection; empty if RabbitMQ
   * has no such queue. Blocks for one round trip (and, on first use, the connection's opening).
   *
   * @throws BrokerException if RabbitMQ cannot be reached
   * @throws IllegalStateException if the broker is closed
   */
  @Override
  public OptionalLong readyCount(String queue) {
    requireNonNull(queue, "queue");
    if (closed.get()) {
      throw new IllegalStateException("the RabbitMQ broker is closed");
    }
    return depths.readyCount(queue);
  }

  private static Channel openChannel(Connection connection) {
    try {
      return connection.createChannel();
    } catch (IOException | RuntimeException e) {
      throw new BrokerException("cannot open a consumer channel to RabbitMQ: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(Channel channel) {
    try {
      channel.abort();
    } catch (IOException | RuntimeException ignored) {
      // Best effort: the subscription already failed, and that failure is what the caller sees.
    }
  }

  private void resend() {
    if (!closed.get()) {
      Thread.ofVirtual().name(config.connectionName() + "-resend").start(publisher::resendWaiting);
    }
  }

  /**
   * Closes every consumer (RabbitMQ requeues their unsettled deliveries), fails publishes not yet
   * confirmed, and closes both connections. Idempotent; safe before any other call.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    consumers.forEach(AmqpConsumer::close);
    consumers.clear();
    publisher.close();
    publishConnection.close();
    consumeConnection.close();
    timer.shutdownNow();
  }

  @Override
  public String toString() {
    return "AmqpBroker[" + ConnectionFactories.redacted(config.uri()) + "]";
  }
}
