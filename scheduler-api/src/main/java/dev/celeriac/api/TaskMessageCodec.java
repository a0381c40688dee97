package dev.celeriac.api;

import static dev.celeriac.api.MalformedMessageException.Problem.EMPTY;
import static dev.celeriac.api.MalformedMessageException.Problem.INVALID_VALUE;
import static dev.celeriac.api.MalformedMessageException.Problem.MISSING_FIELD;
import static dev.celeriac.api.MalformedMessageException.Problem.NOT_AN_OBJECT;
import static dev.celeriac.api.MalformedMessageException.Problem.NOT_JSON;
import static dev.celeriac.api.MalformedMessageException.Problem.OVERSIZED;
import static dev.celeriac.api.MalformedMessageException.Problem.UNSUPPORTED_VERSION;
import static dev.celeriac.api.MalformedMessageException.Problem.WRONG_TYPE;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.celeriac.api.internal.JsonMappers;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Encodes {@link TaskMessage}s as versioned JSON and decodes them back. Decoding never trusts its
 * input: any bytes either give a valid message or a {@link MalformedMessageException} naming the
 * problem and the field. Unknown fields are ignored; an unknown version is rejected. Thread-safe.
 */
public final class TaskMessageCodec {
  /** The default size limit of an encoded message: 1 MiB. */
  public static final int DEFAULT_MAX_BYTES = 1 << 20;

  private final JsonMapper mapper = JsonMappers.standard();
  private final int maxBytes;

  /** A codec with the {@link #DEFAULT_MAX_BYTES} limit. */
  public TaskMessageCodec() {
    this(DEFAULT_MAX_BYTES);
  }

  /** A codec that refuses to encode or decode messages larger than {@code maxBytes}. */
  public TaskMessageCodec(int maxBytes) {
    if (maxBytes < 256) {
      throw new IllegalArgumentException("maxBytes must be >= 256, was " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /** The size limit in bytes. */
  public int maxBytes() {
    return maxBytes;
  }

  /**
   * Encodes {@code message}.
   *
   * @throws MalformedMessageException with {@link MalformedMessageException.Problem#OVERSIZED} if
   *     the encoding is larger than the limit (typically too large arguments), or with {@link
   *     MalformedMessageException.Problem#INVALID_VALUE} on {@code args} if they nest deeper than a
   *     decoder accepts, or on {@code args} or {@code headers} if a key there has an unpaired
   *     surrogate character (which decoders reject in keys, though not in values)
   */
  public byte[] encode(TaskMessage message) {
    refuseUnreadableNames(message);
    ObjectNode root = mapper.createObjectNode();
    root.put("v", message.version());
    root.put("id", message.id().toString());
    root.put("task", message.task());
    root.set("args", message.args());
    root.put("queue", message.queue());
    root.put("attempt", message.attempt());
    putInstant(root, "eta", message.eta());
    putInstant(root, "expires", message.expires());
    root.put("priority", message.priority());
    if (message.timeout() != null) {
      root.put("timeoutMs", message.timeout().toMillis());
    }
    ObjectNode headers = root.putObject("headers");
    message.headers().forEach(headers::put);
    root.put("submittedAt", message.submittedAt().toString());
    byte[] bytes;
    try {
      bytes = mapper.writeValueAsBytes(root);
    } catch (StreamConstraintsException e) {
      // The mapper writes no deeper than it reads, so nothing is sent that no worker can decode.
      throw new MalformedMessageException(
          INVALID_VALUE,
          "args",
          "arguments of task " + message.task() + " nest too deeply: " + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new IllegalStateException("encoding a JSON tree cannot fail", e);
    }
    if (bytes.length > maxBytes) {
      throw new MalformedMessageException(
          OVERSIZED,
          "args",
          "task "
              + message.task()
              + " encodes to "
              + bytes.length
              + " bytes, over the limit of "
              + maxBytes
              + "; pass large data by reference");
    }
    return bytes;
  }

  // Jackson reads an unpaired surrogate back in a string value but not in a field name, so such a
  // key would make a message that no worker can decode.
  private static void refuseUnreadableNames(TaskMessage message) {
    for (String key : message.headers().keySet()) {
      if (hasUnpairedSurrogate(key)) {
        throw unreadableName("headers", message);
      }
    }
    Deque<JsonNode> pending = new ArrayDeque<>();
    pending.push(message.args());
    while (!pending.isEmpty()) {
      JsonNode node = pending.pop();
      if (node.isObject()) {
        for (var property : node.properties()) {
          if (hasUnpairedSurrogate(property.getKey())) {
            throw unreadableName("args", message);
          }
          pending.push(property.getValue());
        }
      } else if (node.isArray()) {
        node.forEach(pending::push);
      }
    }
  }

  private static boolean hasUnpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static MalformedMessageException unreadableName(String field, TaskMessage message) {
    return new MalformedMessageException(
        INVALID_VALUE,
        field,
        "a key in the "
            + field
            + " of task "
            + message.task()
            + " has an unpaired surrogate character, which JSON readers reject");
  }

  private static void putInstant(ObjectNode root, String field, @Nullable Instant value) {
    if (value != null) {
      root.put(field, value.toString());
    }
  }

  /**
   * Decodes {@code bytes}.
   *
   * @throws MalformedMessageException if the bytes are not a valid envelope of a known version
   */
  public TaskMessage decode(byte[] bytes) {
    if (bytes.length == 0) {
      throw new MalformedMessageException(EMPTY, null, "empty message");
    }
    if (bytes.length > maxBytes) {
      throw new MalformedMessageException(
          OVERSIZED,
          null,
          "message of " + bytes.length + " bytes is over the limit of " + maxBytes);
    }
    JsonNode tree;
    try {
      tree = mapper.readTree(bytes);
    } catch (JacksonException e) {
      throw new MalformedMessageException(
          NOT_JSON, null, "message is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new MalformedMessageException(NOT_JSON, null, "message is not readable JSON", e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw new MalformedMessageException(EMPTY, null, "message holds no JSON value");
    }
    if (!tree.isObject()) {
      throw new MalformedMessageException(
          NOT_AN_OBJECT, null, "message must be a JSON object, was " + tree.getNodeType());
    }
    return fromObject((ObjectNode) tree);
  }

  private TaskMessage fromObject(ObjectNode root) {
    int version = versionField(root);
    TaskId id = idField(root);
    String task = nameField(root, "task");
    JsonNode args = required(root, "args");
    if (!args.isArray()) {
      throw wrongType("args", "an array", args);
    }
    String queue = nameField(root, "queue");
    int attempt = intField(root, "attempt");
    if (attempt < 1) {
      throw new MalformedMessageException(
          INVALID_VALUE, "attempt", "attempt must be >= 1, was " + attempt);
    }
    Instant eta = optionalInstant(root, "eta");
    Instant expires = optionalInstant(root, "expires");
    int priority = isAbsent(root.get("priority")) ? 0 : intField(root, "priority");
    if (priority < 0 || priority > 9) {
      throw new MalformedMessageException(
          INVALID_VALUE, "priority", "priority must be 0..9, was " + priority);
    }
    Duration timeout = optionalTimeout(root);
    Map<String, String> headers = headers(root);
    Instant submittedAt = optionalInstant(root, "submittedAt");
    if (submittedAt == null) {
      throw missing("submittedAt");
    }
    return new TaskMessage(
        version,
        id,
        task,
        (ArrayNode) args,
        queue,
        attempt,
        eta,
        expires,
        priority,
        timeout,
        headers,
        submittedAt);
  }

  private static int versionField(ObjectNode root) {
    JsonNode node = required(root, "v");
    if (!node.isIntegralNumber()) {
      throw wrongType("v", "an integer", node);
    }
    // An integer too large for an int is still a version number, just not a known one.
    if (!node.canConvertToInt() || node.intValue() != TaskMessage.CURRENT_VERSION) {
      throw new MalformedMessageException(
          UNSUPPORTED_VERSION,
          "v",
          "envelope version "
              + node.asText()
              + " is not supported; this build reads version "
              + TaskMessage.CURRENT_VERSION);
    }
    return node.intValue();
  }

  private static boolean isAbsent(@Nullable JsonNode node) {
    return node == null || node.isNull();
  }

  private static JsonNode required(ObjectNode root, String field) {
    JsonNode node = root.get(field);
    if (isAbsent(node)) {
      throw missing(field);
    }
    return node;
  }

  private static MalformedMessageException missing(String field) {
    return new MalformedMessageException(
        MISSING_FIELD, field, "required field '" + field + "' is missing");
  }

  private static MalformedMessageException wrongType(String field, String expected, JsonNode was) {
    return new MalformedMessageException(
        WRONG_TYPE,
        field,
        "field '" + field + "' must be " + expected + ", was " + was.getNodeType());
  }

  private static int intField(ObjectNode root, String field) {
    JsonNode node = required(root, field);
    if (!node.isIntegralNumber()) {
      throw wrongType(field, "an integer", node);
    }
    if (!node.canConvertToInt()) {
      throw new MalformedMessageException(
          INVALID_VALUE, field, "field '" + field + "' is out of range: " + node.asText());
    }
    return node.intValue();
  }

  private static String textField(ObjectNode root, String field) {
    JsonNode node = required(root, field);
    if (!node.isTextual()) {
      throw wrongType(field, "a string", node);
    }
    return node.textValue();
  }

  private static String nameField(ObjectNode root, String field) {
    String value = textField(root, field);
    if (value.isBlank() || value.length() > TaskMessage.MAX_NAME_LENGTH) {
      throw new MalformedMessageException(
          INVALID_VALUE,
          field,
          "field '"
              + field
              + "' must be 1.."
              + TaskMessage.MAX_NAME_LENGTH
              + " non-blank characters");
    }
    return value;
  }

  private static TaskId idField(ObjectNode root) {
    String text = textField(root, "id");
    try {
      return TaskId.parse(text);
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException(INVALID_VALUE, "id", e.getMessage(), e);
    }
  }

  private static @Nullable Instant optionalInstant(ObjectNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw wrongType(field, "an ISO-8601 instant string", node);
    }
    try {
      return Instant.parse(node.textValue());
    } catch (DateTimeParseException e) {
      throw new MalformedMessageException(
          INVALID_VALUE, field, "field '" + field + "' is not an ISO-8601 instant", e);
    }
  }

  private static @Nullable Duration optionalTimeout(ObjectNode root) {
    JsonNode node = root.get("timeoutMs");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber()) {
      throw wrongType("timeoutMs", "an integer", node);
    }
    if (!node.canConvertToLong()) {
      throw new MalformedMessageException(
          INVALID_VALUE, "timeoutMs", "timeoutMs is out of range: " + node.asText());
    }
    long millis = node.longValue();
    if (millis <= 0) {
      throw new MalformedMessageException(
          INVALID_VALUE, "timeoutMs", "timeoutMs must be positive, was " + millis);
    }
    return Duration.ofMillis(millis);
  }

  private static Map<String, String> headers(ObjectNode root) {
    JsonNode node = root.get("headers");
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw wrongType("headers", "an object of strings", node);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (var entry : node.properties()) {
      if (!entry.getValue().isTextual()) {
        throw wrongType("headers." + entry.getKey(), "a string", entry.getValue());
      }
      headers.put(entry.getKey(), entry.getValue().textValue());
    }
    return headers;
  }
}
