package dev.celeriac.broker.amqp.internal;

import com.rabbitmq.client.Connection;
import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.broker.amqp.AmqpBrokerConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Publishes over a small pool of confirm-mode channels on one connection. Each publish completes on
 * the broker's confirm, fails on a nack, a return or a channel error, and fails with a {@link
 * BrokerException} once the publish timeout passes, however the connection fares. Publishes whose
 * connection was lost before the confirm wait, until the timeout, for the connection to recover and
 * are then sent again. Thread-safe.
 */
public final class Publisher implements AutoCloseable {
  private static final Duration RETRY_PAUSE = Duration.ofMillis(50);

  private final AmqpBrokerConfig config;
  private final LazyConnection connection;
  private final Topology topology;
  private final ScheduledExecutorService timer;
  private final @Nullable ConfirmingChannel[] channels;
  private final AtomicInteger nextChannel = new AtomicInteger();
  private final Queue<PendingPublish> waitingForRecovery = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  /**
   * A publisher on {@code connection}. {@code timer} fails publishes at their timeout and must
   * never be blocked; the caller owns it. Call {@link #resendWaiting()} when the connection has
   * recovered.
   */
  public Publisher(
      AmqpBrokerConfig config,
      LazyConnection connection,
      Topology topology,
      ScheduledExecutorService timer) {
    this.config = config;
    this.connection = connection;
    this.topology = topology;
    this.timer = timer;
    this.channels = new ConfirmingChannel[config.publishChannels()];
  }

  /**
   * Publishes {@code message}, declaring its queue on first use. The first publish opens the
   * connection, which blocks the caller for at most the connect timeout.
   */
  public CompletableFuture<Void> publish(OutboundMessage message) {
    var publish = new PendingPublish(message);
    try {
      ScheduledFuture<?> timeout = scheduleTimeout(publish);
      publish.future().whenComplete((ignored, failure) -> timeout.cancel(false));
    } catch (RejectedExecutionException e) {
      publish.fail(new BrokerException("the RabbitMQ broker is closed; " + publish.describe()));
      return publish.future();
    }
    try {
      topology.declare(connection.get(), message.queue());
      send(publish);
    } catch (BrokerException e) {
      publish.fail(e);
    } catch (IllegalStateException e) {
      publish.fail(new BrokerException(e.getMessage() + "; cannot publish " + publish.describe()));
    }
    return publish.future();
  }

  /**
   * Sends again every publish that waited for the connection to recover. May block while it opens a
   * channel, so callers run it on a thread of its own, never on the timer that fails publishes on
   * time.
   */
  public void resendWaiting() {
    for (int n = waitingForRecovery.size(); n > 0; n--) {
      PendingPublish publish = waitingForRecovery.poll();
      if (publish == null) {
        return;
      }
      send(publish);
    }
  }

  private void send(PendingPublish publish) {
    if (publish.isDone()) {
      return;
    }
    if (closed) {
      publish.fail(new BrokerException("the RabbitMQ broker is closed; " + publish.describe()));
      return;
    }
    ConfirmingChannel channel;
    try {
      channel = channel();
    } catch (BrokerException e) {
      // No channel can be opened while the connection is down; recovery resends.
      waitForRecovery(publish, null);
      return;
    } catch (IllegalStateException e) {
      publish.fail(new BrokerException(e.getMessage() + "; cannot publish " + publish.describe()));
      return;
    }
    if (!channel.send(publish)) {
      waitForRecovery(publish, channel);
    }
  }

  private void waitForRecovery(PendingPublish publish, @Nullable ConfirmingChannel channel) {
    waitingForRecovery.add(publish);
    boolean usableAgain =
        channel == null ? connection.isOpen() : channel.isOpen() || channel.isBroken();
    if (usableAgain) {
      // Recovery may have finished between the failed send and the add above, and its resend
      // would then have missed this publish. The pause keeps a channel that cannot be used from
      // turning this into a busy loop; the publish timeout still bounds the whole.
      try {
        timer.schedule(
            () -> Thread.ofVirtual().start(this::resendWaiting),
            RETRY_PAUSE.toMillis(),
            TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        failWaiting();
      }
    }
  }

  private ConfirmingChannel channel() {
    int index = Math.floorMod(nextChannel.getAndIncrement(), channels.length);
    synchronized (channels) {
      ConfirmingChannel channel = channels[index];
      if (channel == null || channel.isBroken()) {
        channel = openChannel();
        channels[index] = channel;
      }
      return channel;
    }
  }

  private ConfirmingChannel openChannel() {
    Connection open = connection.get();
    try {
      return ConfirmingChannel.open(open, config.exchange(), this::resendLater, this::forgetQueue);
    } catch (IOException | RuntimeException e) {
      throw new BrokerException(
          "cannot open a publishing channel to RabbitMQ: " + AmqpErrors.describe(e), e);
    }
  }

  private void resendLater(PendingPublish publish) {
    if (!publish.isDone()) {
      // Lost with its connection (recovery resends it), or found stale after a recovery.
      waitForRecovery(publish, null);
    }
  }

  private void forgetQueue(String queue) {
    topology.forget(queue);
  }

  private ScheduledFuture<?> scheduleTimeout(PendingPublish publish) {
    return timer.schedule(
        () ->
            publish.fail(
                new BrokerException(
                    "RabbitMQ did not confirm the publish of "
                        + publish.describe()
                        + " within "
                        + config.publishTimeout()
                        + (connection.isOpen() ? "" : "; the connection is down and recovering")
                        + "; the message may or may not be stored")),
        config.publishTimeout().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void failWaiting() {
    PendingPublish publish;
    while ((publish = waitingForRecovery.poll()) != null) {
      publish.fail(new BrokerException("the RabbitMQ broker is closed; " + publish.describe()));
    }
  }

  /** Closes the publishing channels; publishes not yet confirmed fail. Idempotent. */
  @Override
  public void close() {
    closed = true;
    synchronized (channels) {
      for (ConfirmingChannel channel : channels) {
        if (channel != null) {
          channel.close();
        }
      }
    }
    failWaiting();
  }
}
