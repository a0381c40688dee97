package dev.celeriac.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.celeriac.api.internal.DefaultTaskClient;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.TaskStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/**
 * Submits tasks and finds them again. Create one per application with {@link #builder()} and share
 * it; it is thread-safe.
 *
 * <p>Each {@code submit} returns once the submission is durable: published to the broker and
 * acknowledged by it, or, for a task with an eta in the future, written to the store's delayed
 * table. It throws {@link SubmitException} if that does not happen within the publish timeout, so a
 * submission either is durable or fails loudly.
 */
public interface TaskClient extends TaskSubmitter, AutoCloseable {

  /** A builder; broker and store are required. */
  static Builder builder() {
    return new Builder();
  }

  /** A submitter that applies {@code options} to every submission it makes. */
  TaskSubmitter with(SubmitOptions options);

  /**
   * Submits task {@code taskName} with {@code args} (each converted to JSON with Jackson; {@link
   * JsonNode}s are taken as they are), for callers that do not have the task's class: other
   * languages, the REST API, the command line. The queue is the options' queue or {@code default}.
   */
  TaskHandle<JsonNode> submitByName(String taskName, List<?> args, SubmitOptions options);

  /** A handle to an existing task whose result is of type {@code resultType}. */
  <R> TaskHandle<R> handle(TaskId id, Class<R> resultType);

  /** Closes nothing it was given (broker and store belong to the caller); idempotent. */
  @Override
  void close();

  /** Builds a {@link TaskClient}; not thread-safe. */
  final class Builder {
    private @org.jspecify.annotations.Nullable Broker broker;
    private @org.jspecify.annotations.Nullable TaskStore store;
    private InstantSource clock = InstantSource.system();
    private TaskMessageCodec codec = new TaskMessageCodec();
    private Duration publishTimeout = Duration.ofSeconds(30);
    private boolean recordSubmissions = true;

    private Builder() {}

    /** The broker to publish to. Required. */
    public Builder broker(Broker value) {
      this.broker = value;
      return this;
    }

    /** The store that records submissions and answers handles. Required. */
    public Builder store(TaskStore value) {
      this.store = value;
      return this;
    }

    /** The clock for ids, submission times and etas. Defaults to the system clock. */
    public Builder clock(InstantSource value) {
      this.clock = value;
      return this;
    }

    /** The envelope codec. Defaults to one with a 1 MiB message limit. */
    public Builder codec(TaskMessageCodec value) {
      this.codec = value;
      return this;
    }

    /** How long a submit waits for the broker's acknowledgement. Defaults to 30 s. */
    public Builder publishTimeout(Duration value) {
      this.publishTimeout = value;
      return this;
    }

    /**
     * Whether each submission is also recorded as {@link TaskState#PENDING} in the store, so {@link
     * TaskHandle#state()} tells a queued task from an unknown id. Defaults to true; turning it off
     * trades that for throughput, never correctness.
     */
    public Builder recordSubmissions(boolean value) {
      this.recordSubmissions = value;
      return this;
    }

    /**
     * The client.
     *
     * @throws IllegalStateException if broker or store is missing
     */
    public TaskClient build() {
      if (broker == null || store == null) {
        throw new IllegalStateException("a TaskClient needs a broker and a store");
      }
      return new DefaultTaskClient(broker, store, clock, codec, publishTimeout, recordSubmissions);
    }
  }
}
