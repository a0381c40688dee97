package dev.celeriac.bench.jmh;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import java.time.Instant;
import java.util.Map;

/** The task messages the benchmarks send: realistic envelopes with small or ~10 KiB arguments. */
public final class BenchMessages {
  /** The queue every benchmark message is on. */
  public static final String QUEUE = "default";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private BenchMessages() {}

  /** Two short arguments, like most tasks: {@code ["ada@example.com", 3]}. */
  public static ArrayNode smallArgs() {
    return JSON.arrayNode().add("ada@example.com").add(3);
  }

  /**
   * One argument, an order with as many line objects as make the encoded envelope reach {@code
   * targetBytes} (at least): the shape of a task that carries a modest document.
   */
  public static ArrayNode argsOfAbout(int targetBytes) {
    ArrayNode lines = JSON.arrayNode();
    ObjectNode order = JSON.objectNode().put("customer", "c-000042").set("lines", lines);
    ArrayNode args = JSON.arrayNode().add(order);
    TaskMessageCodec codec = new TaskMessageCodec();
    for (int i = 0; codec.encode(message("bench.order", args)).length < targetBytes; i++) {
      lines
          .addObject()
          .put("sku", "SKU-%06d".formatted(i))
          .put("quantity", 1 + i % 7)
          .put("unitPrice", 9.95 + i)
          .put("note", "gift wrap, leave at the door");
    }
    return args;
  }

  /** A first attempt of {@code task} with a fresh id, submitted now, with one trace header. */
  public static TaskMessage message(String task, ArrayNode args) {
    return new TaskMessage(
        TaskMessage.CURRENT_VERSION,
        TaskId.generate(),
        task,
        args,
        QUEUE,
        1,
        null,
        null,
        0,
        null,
        Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
        Instant.now());
  }
}
