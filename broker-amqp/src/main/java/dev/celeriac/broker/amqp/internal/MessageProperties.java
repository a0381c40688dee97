package dev.celeriac.broker.amqp.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.broker.amqp.AmqpBroker;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/** Maps messages to AMQP properties on publish, and AMQP headers back to strings on delivery. */
public final class MessageProperties {
  /**
   * Carries the publish sequence number, so a message returned as unroutable is matched to its
   * pending publish. Internal: removed from the headers consumers see.
   */
  static final String PUBLISH_SEQUENCE_HEADER = "celeriac-publish-seq";

  /** The header a quorum queue counts redeliveries in. */
  static final String DELIVERY_COUNT_HEADER = "x-delivery-count";

  private static final int PERSISTENT = 2;

  private MessageProperties() {}

  /**
   * Persistent properties for {@code message}: its headers plus the task id, name and priority, the
   * AMQP priority, and the task id as message id.
   */
  public static AMQP.BasicProperties of(OutboundMessage message, long publishSequence) {
    Map<String, Object> headers = new HashMap<>(message.headers());
    headers.put(OutboundMessage.ID_HEADER, message.id().toString());
    headers.put(OutboundMessage.TASK_HEADER, message.task());
    headers.put(AmqpBroker.PRIORITY_HEADER, Integer.toString(message.priority()));
    headers.put(PUBLISH_SEQUENCE_HEADER, Long.toString(publishSequence));
    return new AMQP.BasicProperties.Builder()
        .deliveryMode(PERSISTENT)
        .priority(message.priority())
        .messageId(message.id().toString())
        .contentType("application/octet-stream")
        .headers(headers)
        .build();
  }

  /** The publish sequence number a returned message carries, if it has one. */
  static OptionalLong publishSequence(AMQP.BasicProperties properties) {
    Map<String, Object> headers = properties.getHeaders();
    Object value = headers == null ? null : headers.get(PUBLISH_SEQUENCE_HEADER);
    if (value == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.toString()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * The headers of a delivery as strings. Values that are not text, numbers or booleans (such as
   * the {@code x-death} table RabbitMQ adds to dead letters) are left out; so is the internal
   * publish sequence.
   */
  public static Map<String, String> headers(AMQP.BasicProperties properties) {
    Map<String, Object> raw = properties.getHeaders();
    if (raw == null) {
      return Map.of();
    }
    Map<String, String> headers = new HashMap<>();
    raw.forEach(
        (key, value) -> {
          if (!PUBLISH_SEQUENCE_HEADER.equals(key) && isScalar(value)) {
            headers.put(key, value.toString());
          }
        });
    return Map.copyOf(headers);
  }

  /**
   * How many times the broker has delivered a message, 1 on the first delivery. A quorum queue
   * counts earlier deliveries in {@code x-delivery-count}; a classic queue only flags a redelivery,
   * which therefore counts as 2 however often it happened.
   */
  public static int deliveryCount(AMQP.BasicProperties properties, boolean redelivered) {
    Map<String, Object> headers = properties.getHeaders();
    Object counted = headers == null ? null : headers.get(DELIVERY_COUNT_HEADER);
    if (counted instanceof Number earlier) {
      return Math.toIntExact(earlier.longValue() + 1);
    }
    return redelivered ? 2 : 1;
  }

  private static boolean isScalar(Object value) {
    return value instanceof LongString
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean;
  }
}
