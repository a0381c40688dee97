package dev.celeriac.broker.amqp.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.ShutdownSignalException;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/** Reads the reply code and text RabbitMQ sent when it closed a channel or connection. */
final class AmqpErrors {
  static final int PRECONDITION_FAILED = 406;

  private AmqpErrors() {}

  /** The shutdown signal that {@code failure} or one of its causes carries, if any. */
  static @Nullable ShutdownSignalException shutdownSignal(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ShutdownSignalException signal) {
        return signal;
      }
    }
    return null;
  }

  /** The AMQP reply code of a channel or connection close, if the signal carries one. */
  static OptionalInt replyCode(ShutdownSignalException signal) {
    Method reason = signal.getReason();
    if (reason instanceof AMQP.Channel.Close close) {
      return OptionalInt.of(close.getReplyCode());
    }
    if (reason instanceof AMQP.Connection.Close close) {
      return OptionalInt.of(close.getReplyCode());
    }
    return OptionalInt.empty();
  }

  /** The broker's reply text, or the signal's message when it carries none. */
  static String replyText(ShutdownSignalException signal) {
    Method reason = signal.getReason();
    if (reason instanceof AMQP.Channel.Close close) {
      return close.getReplyText();
    }
    if (reason instanceof AMQP.Connection.Close close) {
      return close.getReplyText();
    }
    return String.valueOf(signal.getMessage());
  }

  /** A short description of {@code failure} for exception messages. */
  static String describe(Throwable failure) {
    ShutdownSignalException signal = shutdownSignal(failure);
    if (signal != null) {
      return replyText(signal);
    }
    return failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }
}
