package dev.celeriac.testing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.TaskRecord;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The mutable row behind a {@link TaskRecord}; only touched under the store's lock. */
final class TaskRow {
  final TaskId id;
  final String name;
  final String queue;
  final ArrayNode args;
  final int priority;
  final Map<String, String> headers;
  final Instant submittedAt;
  final @Nullable Instant eta;
  final @Nullable Instant expires;
  TaskState state;
  @Nullable JsonNode result;
  @Nullable FailureInfo failure;
  int attempts;
  @Nullable Instant startedAt;
  @Nullable Instant finishedAt;
  @Nullable String workerId;
  // When the row last changed, for the change feed; stamped by TaskTable.
  Instant updatedAt;

  TaskRow(TaskMessage message, TaskState state) {
    this.id = message.id();
    this.name = message.task();
    this.queue = message.queue();
    this.args = message.args();
    this.priority = message.priority();
    this.headers = message.headers();
    this.submittedAt = message.submittedAt();
    this.eta = message.eta();
    this.expires = message.expires();
    this.state = state;
    this.updatedAt = message.submittedAt();
  }

  boolean isTerminal() {
    return state.isTerminal();
  }

  /** Moves to terminal {@code terminal} at {@code at}. */
  void finish(TaskState terminal, Instant at, @Nullable FailureInfo cause) {
    state = terminal;
    finishedAt = at;
    failure = cause;
  }

  TaskRecord toRecord() {
    return new TaskRecord(
        id,
        name,
        queue,
        state,
        args.deepCopy(),
        result == null ? null : result.deepCopy(),
        failure,
        attempts,
        priority,
        headers,
        submittedAt,
        eta,
        expires,
        startedAt,
        finishedAt,
        workerId);
  }
}
