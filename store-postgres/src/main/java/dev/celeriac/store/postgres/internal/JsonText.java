package dev.celeriac.store.postgres.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.celeriac.store.postgres.TaskStoreException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** JSON text for the jsonb columns (arguments, results, headers) and back. */
final class JsonText {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

  private JsonText() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  static @Nullable JsonNode readNode(@Nullable String text) {
    return text == null ? null : read(text);
  }

  static ArrayNode readArray(String text) {
    JsonNode node = read(text);
    if (!node.isArray()) {
      throw new TaskStoreException("stored task arguments are not a JSON array: " + text);
    }
    return (ArrayNode) node;
  }

  static Map<String, String> readHeaders(String text) {
    try {
      return MAPPER.readValue(text, HEADERS);
    } catch (JsonProcessingException e) {
      throw new TaskStoreException("stored headers are not a JSON object of strings: " + text, e);
    }
  }

  private static JsonNode read(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new TaskStoreException("stored JSON cannot be read: " + e.getOriginalMessage(), e);
    }
  }
}
