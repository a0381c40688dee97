package dev.celeriac.broker.amqp.internal;

import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.OutboundMessage;
import java.util.concurrent.CompletableFuture;

/**
 * One publish from the call until the broker's confirm. It may be sent more than once: when the
 * connection is lost before the confirm, it is sent again after recovery, and consumers may see it
 * twice (at-least-once). Its future completes once, whichever of confirm, refusal or timeout comes
 * first.
 */
final class PendingPublish {
  private final OutboundMessage message;
  private final CompletableFuture<Void> future = new CompletableFuture<>();

  PendingPublish(OutboundMessage message) {
    this.message = message;
  }

  OutboundMessage message() {
    return message;
  }

  CompletableFuture<Void> future() {
    return future;
  }

  boolean isDone() {
    return future.isDone();
  }

  void confirmed() {
    future.complete(null);
  }

  void fail(BrokerException failure) {
    future.completeExceptionally(failure);
  }

  String describe() {
    return "task " + message.id() + " (" + message.task() + ") to queue '" + message.queue() + "'";
  }
}
