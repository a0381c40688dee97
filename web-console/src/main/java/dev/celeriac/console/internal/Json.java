package dev.celeriac.console.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.celeriac.api.internal.JsonMappers;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/** Reading request bodies and writing JSON answers with Celeriac's one Jackson configuration. */
public final class Json {
  /** The shared mapper. */
  public static final ObjectMapper MAPPER = JsonMappers.standard();

  private Json() {}

  /** A new empty object node. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Answers {@code status} with {@code body} as JSON. */
  public static void answer(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(write(body));
  }

  /** {@code value} as JSON text. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The request body as a JSON object.
   *
   * @throws ApiException 400 naming {@code body} if it is empty, not JSON or not an object
   */
  public static ObjectNode body(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) {
      throw ApiException.badRequest("body", "a JSON object is required");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("body", "not valid JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw ApiException.badRequest("body", "must be a JSON object");
    }
    return object;
  }

  /** The text of {@code field}, or null if absent or JSON null. */
  public static @Nullable String optionalText(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.badRequest(field, "must be a string");
    }
    return value.asText();
  }
}
