package dev.celeriac.worker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.api.internal.JsonMappers;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds task messages and their deliveries for the worker's tests. */
final class TestMessages {
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  static final String QUEUE = "default";

  private final String task;
  private final ArrayNode args;
  private TaskId id = TaskId.generate();
  private int attempt = 1;
  private @Nullable Instant expires;
  private @Nullable Instant eta;
  private Map<String, String> headers = Map.of();

  private TestMessages(String task, ArrayNode args) {
    this.task = task;
    this.args = args;
  }

  /** A first attempt of {@code task} with {@code args} encoded as JSON. */
  static TestMessages aMessage(String task, Object... args) {
    ArrayNode encoded = JsonMappers.standard().createArrayNode();
    for (Object arg : args) {
      encoded.add(JsonMappers.standard().valueToTree(arg));
    }
    return new TestMessages(task, encoded);
  }

  TestMessages attempt(int attempt) {
    this.attempt = attempt;
    return this;
  }

  TestMessages expires(Instant expires) {
    this.expires = expires;
    return this;
  }

  TestMessages eta(Instant eta) {
    this.eta = eta;
    return this;
  }

  TestMessages headers(Map<String, String> headers) {
    this.headers = headers;
    return this;
  }

  TaskMessage build() {
    return new TaskMessage(
        TaskMessage.CURRENT_VERSION,
        id,
        task,
        args,
        QUEUE,
        attempt,
        eta,
        expires,
        0,
        null,
        headers,
        NOW.minusSeconds(5));
  }

  /** The encoded message as a delivery that snapshots the task's state in {@code store}. */
  RecordingDelivery deliveredFrom(FakeTaskStore store) {
    TaskMessage message = build();
    return new RecordingDelivery(
        QUEUE, new TaskMessageCodec().encode(message), message.id(), store);
  }
}
