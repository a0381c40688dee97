package dev.celeriac.broker.kafka.internal;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

/**
 * Converts between a message's headers and Kafka record headers (UTF-8 values). The task id, task
 * name and priority are repeated from the message and win over user headers of the same name.
 */
public final class MessageHeaders {
  /** The record header that repeats the message priority (0-9). */
  public static final String PRIORITY_HEADER = "celeriac-priority";

  private MessageHeaders() {}

  /** The record headers of {@code message}. */
  public static Headers toRecord(OutboundMessage message) {
    Map<String, String> all = new HashMap<>(message.headers());
    all.put(OutboundMessage.ID_HEADER, message.id().toString());
    all.put(OutboundMessage.TASK_HEADER, message.task());
    all.put(PRIORITY_HEADER, Integer.toString(message.priority()));
    RecordHeaders headers = new RecordHeaders();
    all.forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
    return headers;
  }

  /**
   * The headers of a received record as text; when a name repeats, the last value wins, and a
   * header without a value reads as the empty string.
   */
  public static Map<String, String> fromRecord(Headers headers) {
    Map<String, String> all = new HashMap<>();
    for (Header header : headers) {
      byte[] value = header.value();
      all.put(header.key(), value == null ? "" : new String(value, StandardCharsets.UTF_8));
    }
    return Map.copyOf(all);
  }

  /** The task id in {@code headers}, or null if it is missing or not an id. */
  public static @Nullable TaskId taskId(Map<String, String> headers) {
    String text = headers.get(OutboundMessage.ID_HEADER);
    if (text == null) {
      return null;
    }
    try {
      return TaskId.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
