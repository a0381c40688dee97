package dev.celeriac.console.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.spi.AttemptRecord;
import dev.celeriac.api.spi.TaskRecord;
import dev.celeriac.api.spi.WorkerHeartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The JSON shapes of tasks, attempts and workers, as documented in {@code openapi.json}. */
public final class TaskViews {
  private TaskViews() {}

  /** A row of the tasks list: no arguments, result or stack trace. */
  public static ObjectNode summary(TaskRecord task) {
    ObjectNode node = Json.object();
    node.put("id", task.id().toString());
    node.put("name", task.name());
    node.put("queue", task.queue());
    node.put("state", task.state().name());
    node.put("attempts", task.attempts());
    node.put("priority", task.priority());
    node.put("submittedAt", task.submittedAt().toString());
    put(node, "startedAt", task.startedAt());
    put(node, "finishedAt", task.finishedAt());
    node.put("workerId", task.workerId());
    FailureInfo failure = task.failure();
    node.put("error", failure == null ? null : failure.summary());
    return node;
  }

  /** The whole task with its attempts. */
  public static ObjectNode detail(TaskRecord task, List<AttemptRecord> attempts) {
    ObjectNode node = summary(task);
    node.set("args", task.args());
    node.set("result", task.result());
    node.set("failure", failure(task.failure()));
    node.set("headers", Json.MAPPER.valueToTree(task.headers()));
    put(node, "eta", task.eta());
    put(node, "expires", task.expires());
    ArrayNode list = node.putArray("attemptHistory");
    attempts.forEach(a -> list.add(attempt(a)));
    return node;
  }

  /** One attempt. */
  public static ObjectNode attempt(AttemptRecord attempt) {
    ObjectNode node = Json.object();
    node.put("attempt", attempt.attempt());
    node.put("workerId", attempt.workerId());
    node.put("startedAt", attempt.startedAt().toString());
    put(node, "finishedAt", attempt.finishedAt());
    node.put("outcome", attempt.outcome() == null ? null : attempt.outcome().name());
    Instant end = attempt.finishedAt();
    if (end != null) {
      node.put("durationMs", Duration.between(attempt.startedAt(), end).toMillis());
    }
    node.set("failure", failure(attempt.failure()));
    return node;
  }

  /** A worker from its latest heartbeat; stale when its last beat is older than the limit. */
  public static ObjectNode worker(WorkerHeartbeat beat, Instant now, Duration staleAfter) {
    ObjectNode node = Json.object();
    node.put("workerId", beat.workerId());
    node.put("host", beat.host());
    node.put("pid", beat.pid());
    ArrayNode queues = node.putArray("queues");
    beat.queues().stream().sorted().forEach(queues::add);
    node.put("concurrency", beat.concurrency());
    node.put("inFlight", beat.inFlight());
    node.put("processed", beat.processed());
    node.put("failed", beat.failed());
    node.put("startedAt", beat.startedAt().toString());
    node.put("lastHeartbeat", beat.lastBeat().toString());
    node.put("stale", beat.lastBeat().plus(staleAfter).isBefore(now));
    return node;
  }

  private static @Nullable ObjectNode failure(@Nullable FailureInfo failure) {
    if (failure == null) {
      return null;
    }
    ObjectNode node = Json.object();
    node.put("type", failure.type());
    node.put("message", failure.message());
    node.put("stackTrace", failure.stackTrace());
    return node;
  }

  private static void put(ObjectNode node, String field, @Nullable Instant value) {
    node.put(field, value == null ? null : value.toString());
  }
}
