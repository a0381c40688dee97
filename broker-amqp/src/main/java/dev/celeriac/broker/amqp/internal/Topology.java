package dev.celeriac.broker.amqp.internal;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.broker.amqp.AmqpBrokerConfig;
import dev.celeriac.broker.amqp.QueueDeclarationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Declares, once per queue name, the exchanges, the queue, its dead-letter queue and their
 * bindings. Concurrent first users of a queue wait for one declaration. Each declaration is first
 * checked on its own short-lived channel: a refused declaration closes only that channel, never one
 * the connection's publishers or consumers use. What passed is then declared again on one
 * long-lived channel per connection, which is where amqp-client's topology recovery finds it.
 * Thread-safe.
 */
public final class Topology {
  private final AmqpBrokerConfig config;
  private final Map<String, CompletableFuture<Void>> declared = new ConcurrentHashMap<>();
  private final Map<Connection, Channel> recorders = new ConcurrentHashMap<>();

  /** Declares what {@code config} describes. */
  public Topology(AmqpBrokerConfig config) {
    this.config = config;
  }

  /**
   * Makes sure {@code queue} exists as configured, declaring it on {@code connection} unless this
   * was done before. Blocks for at most the connection's RPC timeout.
   *
   * @throws QueueDeclarationException if RabbitMQ refused a declaration (406)
   * @throws BrokerException if the broker could not be reached
   */
  public void declare(Connection connection, String queue) {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> earlier = declared.putIfAbsent(queue, mine);
    if (earlier != null) {
      awaitEarlier(earlier);
      return;
    }
    try {
      declareNow(connection, queue);
      mine.complete(null);
    } catch (RuntimeException e) {
      // Forget the failure, so a later call (after a fix, or a reconnect) tries again.
      declared.remove(queue, mine);
      mine.completeExceptionally(e);
      throw e;
    }
  }

  /** Forgets that {@code queue} was declared, so its next use declares it again. */
  public void forget(String queue) {
    declared.remove(queue);
  }

  /** Forgets every declaration, for instance after the exchange was found missing. */
  public void forgetAll() {
    declared.clear();
  }

  private static void awaitEarlier(CompletableFuture<Void> earlier) {
    try {
      earlier.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private void declareNow(Connection connection, String queue) {
    Map<String, Object> arguments = QueueArguments.workQueue(config, queue);
    try (Channel channel = connection.createChannel()) {
      declareAll(channel, queue, arguments);
    } catch (IOException | TimeoutException | ShutdownSignalException e) {
      throw refused(queue, arguments, e);
    }
    // amqp-client's topology recovery redeclares on the channel that declared, and the checking
    // channel is closed by now; declaring the same again on a long-lived channel records it there.
    Channel recorder = recorder(connection);
    try {
      synchronized (recorder) {
        declareAll(recorder, queue, arguments);
      }
    } catch (IOException | ShutdownSignalException e) {
      throw refused(queue, arguments, e);
    }
  }

  private Channel recorder(Connection connection) {
    try {
      return recorders.compute(
          connection,
          (c, existing) -> {
            if (existing != null && existing.isOpen()) {
              return existing;
            }
            try {
              return c.createChannel();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException | ShutdownSignalException e) {
      throw new BrokerException(
          "cannot open a channel to RabbitMQ to declare queues: " + AmqpErrors.describe(e), e);
    }
  }

  private void declareAll(Channel channel, String queue, Map<String, Object> arguments)
      throws IOException {
    String deadExchange = QueueArguments.deadLetterExchange(config);
    String deadQueue = QueueArguments.deadLetterQueue(queue);
    channel.exchangeDeclare(config.exchange(), BuiltinExchangeType.DIRECT, true);
    channel.exchangeDeclare(deadExchange, BuiltinExchangeType.DIRECT, true);
    channel.queueDeclare(deadQueue, true, false, false, QueueArguments.deadLetterQueue());
    channel.queueBind(deadQueue, deadExchange, queue);
    channel.queueDeclare(queue, true, false, false, arguments);
    channel.queueBind(queue, config.exchange(), queue);
  }

  private BrokerException refused(String queue, Map<String, Object> arguments, Exception e) {
    ShutdownSignalException signal = AmqpErrors.shutdownSignal(e);
    if (signal != null
        && !signal.isHardError()
        && AmqpErrors.replyCode(signal).orElse(0) == AmqpErrors.PRECONDITION_FAILED) {
      return new QueueDeclarationException(
          queue,
          "RabbitMQ refused to declare queue '"
              + queue
              + "' as Celeriac needs it ("
              + QueueArguments.describe(arguments)
              + ", its dead letters in quorum queue '"
              + QueueArguments.deadLetterQueue(queue)
              + "'); an existing queue or exchange differs: "
              + AmqpErrors.replyText(signal)
              + ". Delete or rename the existing one, or change the broker configuration to match"
              + " it.",
          e);
    }
    return new BrokerException(
        "could not declare queue '" + queue + "' on RabbitMQ: " + AmqpErrors.describe(e), e);
  }
}
