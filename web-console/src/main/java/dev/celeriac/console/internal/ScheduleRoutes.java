package dev.celeriac.console.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.celeriac.api.MisfirePolicy;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.Schedule;
import dev.celeriac.coordinator.InvalidScheduleException;
import dev.celeriac.coordinator.ScheduleManager;
import dev.celeriac.coordinator.ScheduleNotFoundException;
import dev.celeriac.coordinator.ScheduleSpec;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code /api/v1/schedules}: list with next fire times, create, edit, delete, pause, resume, run
 * now, all through the coordinator's {@link ScheduleManager}, which validates cron expressions and
 * computes fire times.
 */
public final class ScheduleRoutes {
  private final ConsoleContext console;

  /** Routes over {@code console}. */
  public ScheduleRoutes(ConsoleContext console) {
    this.console = console;
  }

  /** Registers the routes. */
  public void register(RoutesConfig routes) {
    routes.get("/api/v1/schedules", this::list);
    routes.post("/api/v1/schedules", this::create);
    routes.get("/api/v1/schedules/{name}", this::detail);
    routes.put("/api/v1/schedules/{name}", this::edit);
    routes.delete("/api/v1/schedules/{name}", ctx -> act(ctx, Action.DELETE));
    routes.post("/api/v1/schedules/{name}/pause", ctx -> act(ctx, Action.PAUSE));
    routes.post("/api/v1/schedules/{name}/resume", ctx -> act(ctx, Action.RESUME));
    routes.post("/api/v1/schedules/{name}/run", ctx -> act(ctx, Action.RUN));
  }

  private enum Action {
    DELETE,
    PAUSE,
    RESUME,
    RUN
  }

  private void list(Context ctx) {
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("schedules");
    console.scheduleManager().list().forEach(s -> list.add(view(s)));
    Json.answer(ctx, 200, body);
  }

  private void detail(Context ctx) {
    String name = ctx.pathParam("name");
    Json.answer(ctx, 200, view(require(name)));
  }

  private void create(Context ctx) {
    ObjectNode body = Json.body(ctx);
    String name = Json.optionalText(body, "name");
    if (name == null) {
      throw ApiException.badRequest("name", "a schedule name is required");
    }
    if (console.scheduleManager().find(name).isPresent()) {
      throw ApiException.conflict("a schedule named '" + name + "' exists; edit it with PUT");
    }
    Json.answer(ctx, 201, view(save(spec(name, body))));
  }

  private void edit(Context ctx) {
    String name = ctx.pathParam("name");
    ObjectNode body = Json.body(ctx);
    String bodyName = Json.optionalText(body, "name");
    if (bodyName != null && !bodyName.equals(name)) {
      throw ApiException.badRequest(
          "name", "must match the schedule in the path (renaming is not supported)");
    }
    require(name);
    Json.answer(ctx, 200, view(save(spec(name, body))));
  }

  private void act(Context ctx, Action action) {
    String name = ctx.pathParam("name");
    ScheduleManager manager = console.scheduleManager();
    try {
      switch (action) {
        case DELETE -> {
          manager.delete(name);
          ctx.status(204);
        }
        case PAUSE -> {
          manager.pause(name);
          Json.answer(ctx, 200, view(require(name)));
        }
        case RESUME -> {
          manager.resume(name);
          Json.answer(ctx, 200, view(require(name)));
        }
        case RUN -> {
          TaskId id = manager.runNow(name);
          Json.answer(ctx, 201, TaskRoutes.created(id, null));
        }
      }
    } catch (ScheduleNotFoundException e) {
      throw ApiException.notFound("no schedule named '" + name + "'");
    } catch (IllegalStateException e) {
      throw ApiException.conflict(e.getMessage());
    }
  }

  private Schedule save(ScheduleSpec spec) {
    try {
      return console.scheduleManager().save(spec);
    } catch (InvalidScheduleException e) {
      throw ApiException.badRequest(e.field(), e.getMessage());
    }
  }

  private Schedule require(String name) {
    return console
        .scheduleManager()
        .find(name)
        .orElseThrow(() -> ApiException.notFound("no schedule named '" + name + "'"));
  }

  private static ScheduleSpec spec(String name, ObjectNode body) {
    ScheduleSpec.Builder spec = ScheduleSpec.builder(name);
    String task = Json.optionalText(body, "task");
    if (task == null || task.isBlank()) {
      throw ApiException.badRequest("task", "a task name is required");
    }
    spec.task(task);
    String cron = Json.optionalText(body, "cron");
    if (cron == null || cron.isBlank()) {
      throw ApiException.badRequest(
          "cron", "a cron expression (six fields, seconds first) is required");
    }
    spec.cron(cron);
    String zone = Json.optionalText(body, "zone");
    if (zone != null) {
      spec.zone(zone);
    }
    String misfire = Json.optionalText(body, "misfirePolicy");
    if (misfire != null) {
      try {
        spec.misfire(MisfirePolicy.valueOf(misfire.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(
            "misfirePolicy", "must be one of " + Arrays.toString(MisfirePolicy.values()));
      }
    }
    JsonNode args = body.get("args");
    if (args != null && !args.isNull()) {
      if (!(args instanceof ArrayNode array)) {
        throw ApiException.badRequest("args", "must be a JSON array");
      }
      spec.args(array);
    } else {
      spec.args(JsonNodeFactory.instance.arrayNode());
    }
    String queue = Json.optionalText(body, "queue");
    if (queue != null) {
      spec.queue(queue);
    }
    JsonNode priority = body.get("priority");
    if (priority != null && !priority.isNull()) {
      if (!priority.isInt()) {
        throw ApiException.badRequest("priority", "must be an integer 0..9");
      }
      spec.priority(priority.asInt());
    }
    return spec.build();
  }

  private static ObjectNode view(Schedule s) {
    ObjectNode node = Json.object();
    node.put("name", s.name());
    node.put("task", s.task());
    node.put("queue", s.queue());
    node.set("args", s.args());
    node.put("priority", s.priority());
    node.put("cron", s.cron());
    node.put("zone", s.zone().getId());
    node.put("misfirePolicy", s.misfirePolicy().name());
    node.put("paused", s.paused());
    node.put("source", s.source().name());
    node.put("nextFireTime", s.nextFireTime() == null ? null : s.nextFireTime().toString());
    node.put("lastFireTime", s.lastFireTime() == null ? null : s.lastFireTime().toString());
    return node;
  }
}
