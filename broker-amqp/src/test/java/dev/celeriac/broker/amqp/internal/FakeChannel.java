package dev.celeriac.broker.amqp.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmCallback;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.ReturnCallback;
import com.rabbitmq.client.ShutdownListener;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An amqp-client {@link Channel} without a server, for unit tests: it records publishes,
 * settlements and subscriptions, and lets the test play the broker's side (confirms, returns,
 * deliveries, a lost connection). Methods a test does not expect throw.
 */
final class FakeChannel {
  final List<AMQP.BasicProperties> published = new ArrayList<>();
  final List<String> settlements = new ArrayList<>();
  final Map<String, Consumer> consumers = new LinkedHashMap<>();
  private final List<ConfirmCallback[]> confirmListeners = new ArrayList<>();
  private final List<ReturnCallback> returnListeners = new ArrayList<>();
  private final List<ShutdownListener> shutdownListeners = new ArrayList<>();
  private long nextSequence = 1;
  private @Nullable ShutdownSignalException closeReason;
  final Channel channel =
      (Channel)
          Proxy.newProxyInstance(
              Channel.class.getClassLoader(),
              new Class<?>[] {Channel.class},
              (proxy, method, args) -> handle(method.getName(), args));

  Connection connection() {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("createChannel")) {
                return channel;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  private @Nullable Object handle(String method, Object[] args) throws IOException {
    switch (method) {
      case "confirmSelect", "basicQos" -> {
        return null;
      }
      case "addConfirmListener" -> {
        confirmListeners.add(
            new ConfirmCallback[] {(ConfirmCallback) args[0], (ConfirmCallback) args[1]});
        return null;
      }
      case "addReturnListener" -> {
        returnListeners.add((ReturnCallback) args[0]);
        return null;
      }
      case "addShutdownListener" -> {
        shutdownListeners.add((ShutdownListener) args[0]);
        return null;
      }
      case "isOpen" -> {
        return closeReason == null;
      }
      case "getCloseReason" -> {
        return closeReason;
      }
      case "getNextPublishSeqNo" -> {
        return nextSequence;
      }
      case "basicPublish" -> {
        ensureOpen();
        nextSequence++;
        published.add((AMQP.BasicProperties) args[3]);
        return null;
      }
      case "basicConsume" -> {
        consumers.put((String) args[0], (Consumer) args[3]);
        return args[2];
      }
      case "basicAck", "basicNack", "basicReject" -> {
        ensureOpen();
        settlements.add(method + " " + args[0]);
        return null;
      }
      case "close", "abort" -> {
        if (closeReason == null) {
          shutDown(new ShutdownSignalException(false, true, null, channel));
        }
        return null;
      }
      case "hashCode" -> {
        return System.identityHashCode(this);
      }
      default -> throw new UnsupportedOperationException(method);
    }
  }

  private void ensureOpen() {
    if (closeReason != null) {
      throw new com.rabbitmq.client.AlreadyClosedException(closeReason);
    }
  }

  /** The broker confirms (ack) {@code sequence}, and all before it if {@code multiple}. */
  void confirm(long sequence, boolean multiple) throws IOException {
    for (ConfirmCallback[] listener : confirmListeners) {
      listener[0].handle(sequence, multiple);
    }
  }

  /** The broker refuses (nack) {@code sequence}. */
  void refuse(long sequence) throws IOException {
    for (ConfirmCallback[] listener : confirmListeners) {
      listener[1].handle(sequence, false);
    }
  }

  /** The broker returns the {@code index}-th published message as unroutable. */
  void returnUnroutable(int index, String queue) {
    var returned =
        new Return(312, "NO_ROUTE", "celeriac", queue, published.get(index), new byte[0]);
    returnListeners.forEach(l -> l.handle(returned));
  }

  /** The connection is lost: the channel closes with a hard error not caused by the application. */
  void loseConnection() {
    shutDown(
        new ShutdownSignalException(
            true,
            false,
            new AMQP.Connection.Close.Builder()
                .replyCode(320)
                .replyText("CONNECTION_FORCED - broker forced connection closure")
                .build(),
            channel));
  }

  /** The broker closes this channel for an error of the channel alone (a soft error). */
  void failChannel(int code, String text) {
    shutDown(
        new ShutdownSignalException(
            false,
            false,
            new AMQP.Channel.Close.Builder().replyCode(code).replyText(text).build(),
            channel));
  }

  /** amqp-client recovered the channel: open again, sequence numbers start over. */
  void recover() {
    closeReason = null;
    nextSequence = 1;
  }

  private void shutDown(ShutdownSignalException reason) {
    closeReason = reason;
    shutdownListeners.forEach(l -> l.shutdownCompleted(reason));
  }
}
