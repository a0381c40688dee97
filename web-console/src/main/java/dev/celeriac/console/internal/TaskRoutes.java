package dev.celeriac.console.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.celeriac.api.RevokeMode;
import dev.celeriac.api.SubmitOptions;
import dev.celeriac.api.TaskHandle;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.FinishResult;
import dev.celeriac.api.spi.TaskPage;
import dev.celeriac.api.spi.TaskQuery;
import dev.celeriac.api.spi.TaskRecord;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@code /api/v1/tasks}: list, detail, submit, revoke, retry and long-poll for the result.
 *
 * <p>Retry submits a <em>new</em> task (new id) with the failed task's name, arguments, queue and
 * priority and a {@code retryOf} header naming the original: a terminal state is never overwritten,
 * so the original keeps its failure as history.
 */
public final class TaskRoutes {
  /** The header a retried or re-driven task carries, naming the task it repeats. */
  public static final String RETRY_OF_HEADER = "retryOf";

  static final Set<TaskState> RETRYABLE =
      EnumSet.of(TaskState.FAILED, TaskState.DEAD, TaskState.REVOKED, TaskState.EXPIRED);
  private static final Duration MAX_WAIT = Duration.ofSeconds(60);
  private static final int MAX_NAME = 200;

  private final ConsoleContext console;

  /** Routes over {@code console}. */
  public TaskRoutes(ConsoleContext console) {
    this.console = console;
  }

  /** Registers the routes. */
  public void register(RoutesConfig routes) {
    routes.get("/api/v1/tasks", this::list);
    routes.post("/api/v1/tasks", this::submit);
    routes.get("/api/v1/tasks/{id}", this::detail);
    routes.get("/api/v1/tasks/{id}/result", this::result);
    routes.post("/api/v1/tasks/{id}/revoke", this::revoke);
    routes.post("/api/v1/tasks/{id}/retry", this::retry);
  }

  private void list(Context ctx) {
    TaskQuery query =
        new TaskQuery(
            Params.states(ctx, "state"),
            Params.text(ctx, "name"),
            Params.text(ctx, "queue"),
            Params.instant(ctx, "from"),
            Params.instant(ctx, "to"),
            Params.text(ctx, "q"),
            Params.integer(ctx, "limit", 1, TaskQuery.MAX_LIMIT, 50),
            null);
    String cursor = Params.text(ctx, "cursor");
    if (cursor != null) {
      query = query.after(Cursors.decode(cursor));
    }
    if (query.submittedFrom() != null
        && query.submittedBefore() != null
        && !query.submittedFrom().isBefore(query.submittedBefore())) {
      throw ApiException.badRequest("to", "must be after 'from'");
    }
    TaskPage page = console.store().query(query);
    ObjectNode body = Json.object();
    ArrayNode tasks = body.putArray("tasks");
    page.tasks().forEach(t -> tasks.add(TaskViews.summary(t)));
    body.put("next", page.next() == null ? null : Cursors.encode(page.next()));
    Json.answer(ctx, 200, body);
  }

  private void detail(Context ctx) {
    TaskRecord task = find(Params.taskId(ctx));
    Json.answer(ctx, 200, TaskViews.detail(task, console.store().attempts(task.id())));
  }

  private void submit(Context ctx) {
    ObjectNode body = Json.body(ctx);
    String task = Json.optionalText(body, "task");
    if (task == null || task.isBlank() || task.length() > MAX_NAME) {
      throw ApiException.badRequest(
          "task", "a task name of 1.." + MAX_NAME + " characters is required");
    }
    JsonNode args = body.get("args");
    if (args != null && !args.isNull() && !args.isArray()) {
      throw ApiException.badRequest("args", "must be a JSON array of the task's arguments");
    }
    SubmitOptions.Builder options = SubmitOptions.builder();
    String queue = Json.optionalText(body, "queue");
    if (queue != null) {
      if (queue.isBlank() || queue.length() > MAX_NAME) {
        throw ApiException.badRequest("queue", "must be 1.." + MAX_NAME + " characters");
      }
      options.queue(queue);
    }
    JsonNode priority = body.get("priority");
    if (priority != null && !priority.isNull()) {
      if (!priority.isInt() || priority.asInt() < 0 || priority.asInt() > 9) {
        throw ApiException.badRequest("priority", "must be an integer 0..9");
      }
      options.priority(priority.asInt());
    }
    List<JsonNode> values = new ArrayList<>();
    if (args != null && args.isArray()) {
      args.forEach(values::add);
    }
    TaskHandle<JsonNode> handle = console.client().submitByName(task, values, options.build());
    Json.answer(ctx, 201, created(handle.id(), null));
  }

  private void result(Context ctx) {
    TaskId id = Params.taskId(ctx);
    Duration wait = Params.duration(ctx, "wait", MAX_WAIT, Duration.ZERO);
    TaskRecord now = find(id);
    if (now.state().isTerminal() || wait.isZero()) {
      answerResult(ctx, now);
      return;
    }
    CompletableFuture<TaskRecord> finished = console.store().whenFinished(id);
    CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> finished.cancel(false));
    ctx.future(
        () ->
            finished.handle(
                (record, error) -> {
                  answerResult(ctx, record != null ? record : find(id));
                  return null;
                }));
  }

  private static void answerResult(Context ctx, TaskRecord task) {
    ObjectNode body = Json.object();
    body.put("id", task.id().toString());
    body.put("state", task.state().name());
    body.put("finished", task.state().isTerminal());
    body.set("result", task.result());
    body.put("error", task.failure() == null ? null : task.failure().summary());
    // 202: still running when the wait ended; poll again.
    Json.answer(ctx, task.state().isTerminal() ? 200 : 202, body);
  }

  private void revoke(Context ctx) {
    TaskId id = Params.taskId(ctx);
    RevokeMode mode = revokeMode(ctx);
    TaskRecord task = find(id);
    FinishResult outcome =
        console.store().revoke(task.id(), console.clock().instant(), mode).join();
    ObjectNode body = Json.object();
    body.put("id", task.id().toString());
    body.put("revoked", outcome.applied());
    body.put("terminate", mode == RevokeMode.TERMINATE);
    body.put("state", outcome.state().name());
    Json.answer(ctx, outcome.applied() ? 200 : 409, body);
  }

  // The body is optional: no body revokes as Celery's revoke() does, letting a running attempt end.
  private static RevokeMode revokeMode(Context ctx) {
    if (ctx.body().isBlank()) {
      return RevokeMode.LET_RUN;
    }
    JsonNode terminate = Json.body(ctx).get("terminate");
    if (terminate == null || terminate.isNull()) {
      return RevokeMode.LET_RUN;
    }
    if (!terminate.isBoolean()) {
      throw ApiException.badRequest("terminate", "must be true or false");
    }
    return terminate.asBoolean() ? RevokeMode.TERMINATE : RevokeMode.LET_RUN;
  }

  private void retry(Context ctx) {
    TaskRecord task = find(Params.taskId(ctx));
    if (!RETRYABLE.contains(task.state())) {
      throw ApiException.conflict(
          "task "
              + task.id()
              + " is "
              + task.state()
              + "; only "
              + RETRYABLE
              + " tasks can be retried");
    }
    SubmitOptions options =
        SubmitOptions.builder()
            .queue(task.queue())
            .priority(task.priority())
            .header(RETRY_OF_HEADER, task.id().toString())
            .build();
    List<JsonNode> args = new ArrayList<>();
    task.args().forEach(args::add);
    TaskHandle<JsonNode> handle = console.client().submitByName(task.name(), args, options);
    Json.answer(ctx, 201, created(handle.id(), task.id()));
  }

  private TaskRecord find(TaskId id) {
    return console
        .store()
        .find(id)
        .orElseThrow(() -> ApiException.notFound("no task with id " + id));
  }

  static ObjectNode created(TaskId id, @Nullable TaskId retryOf) {
    ObjectNode body = Json.object();
    body.put("id", id.toString());
    body.put(RETRY_OF_HEADER, retryOf == null ? null : retryOf.toString());
    return body;
  }
}
