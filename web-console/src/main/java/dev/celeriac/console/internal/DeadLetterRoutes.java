package dev.celeriac.console.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.celeriac.api.MalformedMessageException;
import dev.celeriac.api.SubmitOptions;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.api.spi.DeadLetter;
import dev.celeriac.api.spi.DeadLetterEntry;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/v1/dead-letters}: list, re-drive one or many, discard.
 *
 * <p>A re-drive decodes the letter's bytes and submits its task again as a <em>new</em> task (new
 * id, {@code retryOf} header naming the original id), then marks the letter re-driven so it leaves
 * the list. A letter re-driven before answers 409. A letter whose bytes are not a readable task
 * message cannot be re-driven (409); discard it instead.
 */
public final class DeadLetterRoutes {
  private static final int MAX_BATCH = 100;
  private static final int BODY_PREVIEW = 2000;
  // Leniency on size: a letter may have been dead-lettered for being too large.
  private static final TaskMessageCodec CODEC = new TaskMessageCodec(Integer.MAX_VALUE);

  private final ConsoleContext console;

  /** Routes over {@code console}. */
  public DeadLetterRoutes(ConsoleContext console) {
    this.console = console;
  }

  /** Registers the routes. */
  public void register(RoutesConfig routes) {
    routes.get("/api/v1/dead-letters", this::list);
    routes.post("/api/v1/dead-letters/redrive", this::redriveMany);
    routes.post("/api/v1/dead-letters/{id}/redrive", this::redriveOne);
    routes.delete("/api/v1/dead-letters/{id}", this::discard);
  }

  private void list(Context ctx) {
    int limit = Params.integer(ctx, "limit", 1, 1000, 100);
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("deadLetters");
    console.deadLetters().openDeadLetters(limit).forEach(e -> list.add(view(e)));
    Json.answer(ctx, 200, body);
  }

  private void redriveOne(Context ctx) {
    Json.answer(ctx, 201, redrive(Params.longId(ctx)));
  }

  private void redriveMany(Context ctx) {
    JsonNode ids = Json.body(ctx).get("ids");
    if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > MAX_BATCH) {
      throw ApiException.badRequest(
          "ids", "must be an array of 1.." + MAX_BATCH + " dead letter ids");
    }
    List<Long> wanted = new ArrayList<>();
    for (JsonNode id : ids) {
      if (!id.canConvertToLong() || !id.isIntegralNumber() || id.asLong() < 1) {
        throw ApiException.badRequest("ids", "every id must be a positive integer");
      }
      wanted.add(id.asLong());
    }
    ObjectNode body = Json.object();
    ArrayNode results = body.putArray("results");
    for (long id : wanted) {
      try {
        results.add(redrive(id));
      } catch (ApiException e) {
        ObjectNode failed = results.addObject();
        failed.put("deadLetterId", id);
        failed.put("status", e.status());
        failed.put("error", e.getMessage());
      }
    }
    Json.answer(ctx, 200, body);
  }

  private ObjectNode redrive(long id) {
    DeadLetterEntry entry =
        console
            .deadLetters()
            .findDeadLetter(id)
            .orElseThrow(() -> ApiException.notFound("no dead letter with id " + id));
    if (entry.redrivenAt() != null) {
      throw ApiException.conflict("dead letter " + id + " was re-driven already");
    }
    TaskMessage message;
    try {
      message = CODEC.decode(entry.letter().body());
    } catch (MalformedMessageException e) {
      throw ApiException.conflict(
          "dead letter "
              + id
              + " is not a readable task message ("
              + e.getMessage()
              + "); discard it");
    }
    SubmitOptions.Builder options =
        SubmitOptions.builder().queue(message.queue()).priority(message.priority());
    options.header(TaskRoutes.RETRY_OF_HEADER, message.id().toString());
    List<JsonNode> args = new ArrayList<>();
    message.args().forEach(args::add);
    // Submit first, mark second: a failed submit leaves the letter listed, never lost; two
    // operators re-driving one letter at once may submit it twice (at-least-once, as everywhere).
    TaskId newId = console.client().submitByName(message.task(), args, options.build()).id();
    console.deadLetters().markRedriven(id, console.clock().instant());
    ObjectNode body = TaskRoutes.created(newId, message.id());
    body.put("deadLetterId", id);
    return body;
  }

  private void discard(Context ctx) {
    long id = Params.longId(ctx);
    if (!console.deadLetters().discardDeadLetter(id)) {
      throw ApiException.notFound("no dead letter with id " + id);
    }
    ctx.status(204);
  }

  private static ObjectNode view(DeadLetterEntry entry) {
    DeadLetter letter = entry.letter();
    ObjectNode node = Json.object();
    node.put("id", entry.id());
    node.put("taskId", letter.taskId() == null ? null : letter.taskId().toString());
    node.put("queue", letter.queue());
    node.put("reason", letter.reason().summary());
    node.put("reasonType", letter.reason().type());
    node.put("deliveryCount", letter.deliveryCount());
    node.put("at", letter.at().toString());
    String text = new String(letter.body(), StandardCharsets.UTF_8);
    node.put("bodyPreview", text.length() <= BODY_PREVIEW ? text : text.substring(0, BODY_PREVIEW));
    node.put("bodyBytes", letter.body().length);
    return node;
  }
}
