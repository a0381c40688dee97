package dev.celeriac.api.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.celeriac.api.CeleriacException;
import dev.celeriac.api.SubmitException;
import dev.celeriac.api.SubmitOptions;
import dev.celeriac.api.TaskClient;
import dev.celeriac.api.TaskContext;
import dev.celeriac.api.TaskDefinition;
import dev.celeriac.api.TaskHandle;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.api.TaskRef;
import dev.celeriac.api.TaskSubmitter;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.api.spi.TaskStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one {@link TaskClient}, written once over the {@link Broker} and {@link TaskStore} SPIs. */
public final class DefaultTaskClient implements TaskClient {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultTaskClient.class);
  private static final String DEFAULT_QUEUE = "default";

  private final Broker broker;
  private final TaskStore store;
  private final InstantSource clock;
  private final TaskMessageCodec codec;
  private final Duration publishTimeout;
  private final boolean recordSubmissions;
  private final JsonMapper mapper = JsonMappers.standard();

  /** See {@link TaskClient.Builder} for what each collaborator does. */
  public DefaultTaskClient(
      Broker broker,
      TaskStore store,
      InstantSource clock,
      TaskMessageCodec codec,
      Duration publishTimeout,
      boolean recordSubmissions) {
    this.broker = requireNonNull(broker, "broker");
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
    this.codec = requireNonNull(codec, "codec");
    this.publishTimeout = requireNonNull(publishTimeout, "publishTimeout");
    if (publishTimeout.isNegative() || publishTimeout.isZero()) {
      throw new IllegalArgumentException("publishTimeout must be positive, was " + publishTimeout);
    }
    this.recordSubmissions = recordSubmissions;
  }

  @Override
  public <R> TaskHandle<R> submitRef(TaskRef task, Object... args) {
    return submitDefined(TaskRefs.resolve(task), args, SubmitOptions.NONE);
  }

  @Override
  public TaskSubmitter with(SubmitOptions options) {
    requireNonNull(options, "options");
    return new TaskSubmitter() {
      @Override
      public <R> TaskHandle<R> submitRef(TaskRef task, Object... args) {
        return submitDefined(TaskRefs.resolve(task), args, options);
      }
    };
  }

  @Override
  public TaskHandle<JsonNode> submitByName(String taskName, List<?> args, SubmitOptions options) {
    requireNonNull(taskName, "taskName");
    ArrayNode encoded = mapper.createArrayNode();
    for (int i = 0; i < args.size(); i++) {
      encoded.add(toJson(taskName, i, args.get(i)));
    }
    String queue = options.queue() != null ? options.queue() : DEFAULT_QUEUE;
    TaskMessage message = newMessage(taskName, encoded, queue, 0, null, null, options);
    submitDurably(message);
    return new DefaultTaskHandle<>(
        message.id(), store, clock, mapper.constructType(JsonNode.class));
  }

  @Override
  public <R> TaskHandle<R> handle(TaskId id, Class<R> resultType) {
    return new DefaultTaskHandle<>(id, store, clock, mapper.constructType(resultType));
  }

  @Override
  public void close() {
    // The broker and store belong to whoever built this client.
  }

  private <R> TaskHandle<R> submitDefined(
      TaskDefinition task, Object[] args, SubmitOptions options) {
    TaskMessage message =
        newMessage(
            task.name(),
            encodeArguments(task, args),
            options.queue() != null ? options.queue() : task.queue(),
            task.priority(),
            task.timeout(),
            task.expiresAfter(),
            options);
    submitDurably(message);
    JavaType resultType = mapper.getTypeFactory().constructType(task.resultType());
    return new DefaultTaskHandle<>(message.id(), store, clock, resultType);
  }

  private ArrayNode encodeArguments(TaskDefinition task, Object[] args) {
    Class<?>[] parameters = task.method().getParameterTypes();
    if (args.length != parameters.length) {
      throw new IllegalArgumentException(
          task.name() + " takes " + parameters.length + " arguments, got " + args.length);
    }
    ArrayNode encoded = mapper.createArrayNode();
    for (int i = 0; i < args.length; i++) {
      if (parameters[i] == TaskContext.class) {
        continue; // the worker supplies the context; the caller passes null there
      }
      if (args[i] == null && parameters[i].isPrimitive()) {
        throw new IllegalArgumentException(
            "argument "
                + (i + 1)
                + " of "
                + task.name()
                + " is null, but the parameter is a "
                + parameters[i].getName());
      }
      encoded.add(toJson(task.name(), i, args[i]));
    }
    return encoded;
  }

  private JsonNode toJson(String taskName, int index, @Nullable Object value) {
    try {
      return mapper.valueToTree(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "argument "
              + (index + 1)
              + " of "
              + taskName
              + " cannot be encoded as JSON: "
              + e.getMessage(),
          e);
    }
  }

  private TaskMessage newMessage(
      String taskName,
      ArrayNode args,
      String queue,
      int taskPriority,
      @Nullable Duration timeout,
      @Nullable Duration taskExpiresAfter,
      SubmitOptions options) {
    Instant now = clock.instant();
    Instant eta = options.eta() != null ? options.eta() : plus(now, options.countdown());
    Instant expires =
        options.expires() != null
            ? options.expires()
            : plus(now, options.expiresIn() != null ? options.expiresIn() : taskExpiresAfter);
    Map<String, String> headers = new HashMap<>(options.headers());
    TaskId id = TaskId.generate(clock);
    if (options.idempotencyKey() != null) {
      headers.put(TaskMessage.IDEMPOTENCY_KEY_HEADER, options.idempotencyKey());
      // The same key always yields the same id, and the store keeps one record per id, so a
      // repeated submission finds the first one's state instead of running again.
      id = idempotentId(taskName, options.idempotencyKey());
    }
    int priority = options.priority() != null ? options.priority() : taskPriority;
    return new TaskMessage(
        TaskMessage.CURRENT_VERSION,
        id,
        taskName,
        args,
        queue,
        1,
        eta,
        expires,
        priority,
        timeout,
        headers,
        now);
  }

  private static @Nullable Instant plus(Instant now, @Nullable Duration delay) {
    return delay == null ? null : now.plus(delay);
  }

  private static TaskId idempotentId(String taskName, String key) {
    byte[] name = (taskName + '\u0000' + key).getBytes(StandardCharsets.UTF_8);
    return new TaskId(UUID.nameUUIDFromBytes(name));
  }

  private void submitDurably(TaskMessage message) {
    // Encode first, whatever the route: a message over the size limit must fail before anything is
    // stored, also when it waits in the delayed table for its eta.
    byte[] body = codec.encode(message);
    if (message.headers().containsKey(TaskMessage.IDEMPOTENCY_KEY_HEADER)
        && store.find(message.id()).isPresent()) {
      return; // an earlier submission with this key is already durable; its handle is the answer
    }
    if (message.isDueLaterThan(clock.instant())) {
      await(message, store.schedule(message), "writing it to the delayed table");
      return;
    }
    var outbound = OutboundMessage.of(message, body);
    await(message, broker.publish(outbound), "publishing it to queue " + message.queue());
    if (recordSubmissions) {
      // After the publish: a PENDING row must never describe a task the broker does not have.
      recordPending(message);
    }
  }

  private void recordPending(TaskMessage message) {
    try {
      await(message, store.recordSubmitted(message), "recording it as pending");
    } catch (SubmitException e) {
      // The task is durable in the broker and will run; failing here would make the caller submit
      // it twice. The PENDING row is a convenience (DESIGN.md, Flow 2), so its loss is only logged.
      LOG.warn(
          "task {} ({}) was published, but recording it as pending failed; its state is unknown"
              + " until a worker starts it",
          message.id(),
          message.task(),
          e);
    }
  }

  private void await(TaskMessage message, CompletableFuture<?> step, String what) {
    try {
      step.get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      step.cancel(false);
      throw new SubmitException(
          message.id(),
          "submitting "
              + message.task()
              + " failed: no answer within "
              + publishTimeout
              + " while "
              + what,
          e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new SubmitException(
          message.id(),
          "submitting " + message.task() + " failed while " + what + ": " + cause.getMessage(),
          cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CeleriacException("interrupted while submitting " + message.task(), e);
    }
  }
}
