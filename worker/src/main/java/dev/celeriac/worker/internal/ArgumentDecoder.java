package dev.celeriac.worker.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.celeriac.worker.BadArgumentsException;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a message's {@code args} array into the values of a task method's parameters (those the
 * caller passes, so not {@code TaskContext} ones), using each parameter's generic type. Stricter
 * than Jackson's defaults: JSON null for a primitive and a fraction for an integer are errors.
 * Thread-safe.
 */
public final class ArgumentDecoder {
  private final String taskName;
  private final Type[] types;
  private final ObjectReader[] readers;

  /** A decoder for {@code argumentTypes} of task {@code taskName}. */
  public ArgumentDecoder(String taskName, List<Type> argumentTypes, JsonMapper mapper) {
    this.taskName = taskName;
    this.types = argumentTypes.toArray(Type[]::new);
    this.readers = new ObjectReader[types.length];
    for (int i = 0; i < types.length; i++) {
      readers[i] =
          mapper
              .readerFor(mapper.constructType(types[i]))
              .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
              .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
  }

  /**
   * The decoded arguments, in order; an element is null where the JSON was null.
   *
   * @throws BadArgumentsException naming the task, the index and the expected type when the count
   *     is wrong or an argument does not fit its type
   */
  public List<@Nullable Object> decode(ArrayNode args) {
    if (args.size() != types.length) {
      throw BadArgumentsException.wrongCount(taskName, types, args.size());
    }
    List<@Nullable Object> values = new ArrayList<>(types.length);
    for (int i = 0; i < types.length; i++) {
      values.add(decodeOne(i, args.get(i)));
    }
    return values;
  }

  private @Nullable Object decodeOne(int index, JsonNode node) {
    try {
      return readers[index].readValue(node);
    } catch (JacksonException e) {
      throw BadArgumentsException.wrongType(
          taskName, index, types[index], e.getOriginalMessage(), e);
    } catch (IOException | IllegalArgumentException e) {
      throw BadArgumentsException.wrongType(
          taskName, index, types[index], String.valueOf(e.getMessage()), e);
    }
  }
}
