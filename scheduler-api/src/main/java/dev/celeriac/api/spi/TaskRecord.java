package dev.celeriac.api.spi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskState;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A task as the store knows it: its latest state and, once finished, its result or failure.
 *
 * @param id the task id
 * @param name the task name
 * @param queue the queue it was submitted to
 * @param state the latest state
 * @param args the call's arguments
 * @param result the return value (JSON {@code null} for void tasks) once {@link
 *     TaskState#SUCCEEDED}, else null
 * @param failure the last attempt's failure, if any
 * @param attempts how many attempts started
 * @param priority the submitted priority
 * @param headers the envelope's headers
 * @param submittedAt when it was submitted
 * @param eta when it was due, if it had an eta
 * @param expires when it expires, if ever
 * @param startedAt when its latest attempt started, if any
 * @param finishedAt when it reached its terminal state, if it did
 * @param workerId the worker of its latest attempt, if any
 */
public record TaskRecord(
    TaskId id,
    String name,
    String queue,
    TaskState state,
    ArrayNode args,
    @Nullable JsonNode result,
    @Nullable FailureInfo failure,
    int attempts,
    int priority,
    Map<String, String> headers,
    Instant submittedAt,
    @Nullable Instant eta,
    @Nullable Instant expires,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    @Nullable String workerId) {
  /** Validates the required fields. */
  public TaskRecord {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(queue, "queue");
    requireNonNull(state, "state");
    requireNonNull(args, "args");
    requireNonNull(submittedAt, "submittedAt");
    headers = Map.copyOf(requireNonNull(headers, "headers"));
  }
}
