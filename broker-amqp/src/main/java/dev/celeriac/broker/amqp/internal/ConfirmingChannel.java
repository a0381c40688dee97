package dev.celeriac.broker.amqp.internal;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.ShutdownSignalException;
import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.OutboundMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A channel in publisher-confirm mode with the publishes it awaits confirms for, keyed by publish
 * sequence number. Confirms arrive asynchronously on amqp-client's connection thread, often one
 * {@code multiple} confirm for a batch. Thread-safe: publishers share it.
 *
 * <p>When the connection is lost, the sequence numbers of the recovered channel start over, so
 * every entry carries the epoch it was sent in; entries of an older epoch are handed back for
 * sending again instead of being completed by a confirm that is not theirs.
 */
final class ConfirmingChannel {
  private final Channel channel;
  private final String exchange;
  private final Consumer<PendingPublish> resend;
  private final Consumer<String> unroutable;
  // Pairs each sequence number with its basicPublish; confirms need no lock.
  private final ReentrantLock sendLock = new ReentrantLock();
  private final ConcurrentSkipListMap<Long, InFlight> outstanding = new ConcurrentSkipListMap<>();
  private final AtomicLong epoch = new AtomicLong();

  private ConfirmingChannel(
      Channel channel,
      String exchange,
      Consumer<PendingPublish> resend,
      Consumer<String> unroutable) {
    this.channel = channel;
    this.exchange = exchange;
    this.resend = resend;
    this.unroutable = unroutable;
  }

  /**
   * Opens a confirm-mode channel on {@code connection}. {@code resend} receives publishes to send
   * again after a connection loss; {@code unroutable} the queue of a message the broker returned.
   * Both are called on amqp-client's threads and must not block.
   */
  static ConfirmingChannel open(
      Connection connection,
      String exchange,
      Consumer<PendingPublish> resend,
      Consumer<String> unroutable)
      throws IOException {
    Channel channel = connection.createChannel();
    var confirming = new ConfirmingChannel(channel, exchange, resend, unroutable);
    channel.confirmSelect();
    channel.addConfirmListener(confirming::confirmed, confirming::refused);
    channel.addReturnListener(confirming::returned);
    channel.addShutdownListener(confirming::shutDown);
    return confirming;
  }

  /**
   * Sends {@code publish} with the mandatory flag. Returns false if the channel is closed (the
   * caller keeps the publish for later); its confirm completes it otherwise.
   */
  boolean send(PendingPublish publish) {
    OutboundMessage message = publish.message();
    sendLock.lock();
    try {
      if (!channel.isOpen()) {
        return false;
      }
      long sequence = channel.getNextPublishSeqNo();
      InFlight previous = outstanding.put(sequence, new InFlight(publish, epoch.get()));
      if (previous != null) {
        resend.accept(previous.publish());
      }
      try {
        channel.basicPublish(
            exchange,
            message.queue(),
            true,
            MessageProperties.of(message, sequence),
            message.body());
        return true;
      } catch (IOException | AlreadyClosedException e) {
        // If the shutdown listener already took the entry, it handed the publish back itself;
        // reporting a failure too would send it twice.
        return outstanding.remove(sequence) == null;
      }
    } finally {
      sendLock.unlock();
    }
  }

  /** True while the channel is open. */
  boolean isOpen() {
    return channel.isOpen();
  }

  /**
   * True if the broker closed this channel for an error of its own (not a lost connection): such a
   * channel is never recovered and must be replaced.
   */
  boolean isBroken() {
    ShutdownSignalException reason = channel.getCloseReason();
    return reason != null && !reason.isHardError() && !reason.isInitiatedByApplication();
  }

  /** Closes the channel; its unconfirmed publishes fail. */
  void close() {
    try {
      channel.abort();
    } catch (IOException | RuntimeException e) {
      // abort() documents that it ignores errors; the shutdown listener fails what is pending.
    }
  }

  private void confirmed(long sequence, boolean multiple) {
    for (InFlight done : remove(sequence, multiple)) {
      done.publish().confirmed();
    }
  }

  private void refused(long sequence, boolean multiple) {
    for (InFlight done : remove(sequence, multiple)) {
      done.publish()
          .fail(
              new BrokerException(
                  "RabbitMQ refused (nack) the publish of "
                      + done.publish().describe()
                      + "; the message may not be stored"));
    }
  }

  private List<InFlight> remove(long sequence, boolean multiple) {
    Map<Long, InFlight> confirmedNow =
        multiple ? outstanding.headMap(sequence, true) : single(sequence);
    List<InFlight> current = new ArrayList<>();
    long now = epoch.get();
    for (Long key : List.copyOf(confirmedNow.keySet())) {
      InFlight done = outstanding.remove(key);
      if (done == null) {
        continue;
      }
      if (done.epoch() == now) {
        current.add(done);
      } else {
        // Sent before a connection loss: this confirm is for another message.
        resend.accept(done.publish());
      }
    }
    return current;
  }

  private ConcurrentNavigableMap<Long, InFlight> single(long sequence) {
    return outstanding.subMap(sequence, true, sequence, true);
  }

  private void returned(Return returned) {
    OptionalLong sequence = MessageProperties.publishSequence(returned.getProperties());
    InFlight publish = sequence.isPresent() ? outstanding.get(sequence.getAsLong()) : null;
    if (publish == null || publish.epoch() != epoch.get()) {
      return;
    }
    // Forget the declaration before failing, so a publish made in reaction declares it again.
    unroutable.accept(returned.getRoutingKey());
    // The confirm follows the return; completing exceptionally first makes it a no-op.
    publish
        .publish()
        .fail(
            new BrokerException(
                "RabbitMQ could not route "
                    + publish.publish().describe()
                    + " (exchange '"
                    + returned.getExchange()
                    + "', "
                    + returned.getReplyCode()
                    + " "
                    + returned.getReplyText()
                    + "): the queue is missing, perhaps deleted; the next publish declares it"
                    + " again"));
  }

  private void shutDown(ShutdownSignalException cause) {
    epoch.incrementAndGet();
    @Nullable BrokerException failure = failureFor(cause);
    for (Long key : List.copyOf(outstanding.keySet())) {
      InFlight lost = outstanding.remove(key);
      if (lost == null) {
        continue;
      }
      if (failure == null) {
        resend.accept(lost.publish());
      } else {
        lost.publish().fail(failure);
      }
    }
  }

  /** Null when the connection was lost and publishes should be sent again after recovery. */
  private static @Nullable BrokerException failureFor(ShutdownSignalException cause) {
    if (cause.isInitiatedByApplication()) {
      return new BrokerException("the RabbitMQ broker was closed before it confirmed the publish");
    }
    if (cause.isHardError()) {
      return null;
    }
    return new BrokerException(
        "RabbitMQ closed the publishing channel before it confirmed the publish: "
            + AmqpErrors.replyText(cause),
        cause);
  }

  private record InFlight(PendingPublish publish, long epoch) {}
}
