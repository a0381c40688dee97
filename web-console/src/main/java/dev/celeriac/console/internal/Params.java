package dev.celeriac.console.internal;

import dev.celeriac.api.DurationFormat;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskState;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Parses and validates path and query parameters; every failure is a 400 naming the parameter. */
public final class Params {
  private static final int MAX_TEXT = 200;

  private Params() {}

  /** The path parameter {@code id} as a task id. */
  public static TaskId taskId(Context ctx) {
    String text = ctx.pathParam("id");
    try {
      return TaskId.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("id", e.getMessage());
    }
  }

  /** The path parameter {@code id} as a positive long (a dead letter's id). */
  public static long longId(Context ctx) {
    String text = ctx.pathParam("id");
    try {
      long id = Long.parseLong(text);
      if (id < 1) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("id", "must be a positive integer, was '" + clip(text) + "'");
    }
  }

  /** A comma-separated list of task states, empty if absent. */
  public static Set<TaskState> states(Context ctx, String name) {
    String text = ctx.queryParam(name);
    Set<TaskState> states = EnumSet.noneOf(TaskState.class);
    if (text == null || text.isBlank()) {
      return states;
    }
    for (String part : text.split(",")) {
      try {
        states.add(TaskState.valueOf(part.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(
            name,
            "unknown state '" + clip(part) + "'; states are " + EnumSet.allOf(TaskState.class));
      }
    }
    return states;
  }

  /** An optional free-text parameter of at most 200 characters; blank counts as absent. */
  public static @Nullable String text(Context ctx, String name) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.length() > MAX_TEXT) {
      throw ApiException.badRequest(name, "must be at most " + MAX_TEXT + " characters");
    }
    return text.strip();
  }

  /** An optional ISO-8601 instant such as {@code 2026-01-31T12:00:00Z}. */
  public static @Nullable Instant instant(Context ctx, String name) {
    String text = text(ctx, name);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          name, "must be an ISO-8601 instant like 2026-01-31T12:00:00Z, was '" + clip(text) + "'");
    }
  }

  /** An optional integer in {@code min..max}, {@code fallback} when absent. */
  public static int integer(Context ctx, String name, int min, int max, int fallback) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw ApiException.badRequest(
        name, "must be an integer " + min + ".." + max + ", was '" + clip(text) + "'");
  }

  /** An optional duration like {@code 30s}, {@code 500ms} or {@code 2m}, at most {@code max}. */
  public static Duration duration(Context ctx, String name, Duration max, Duration fallback) {
    String text = text(ctx, name);
    if (text == null) {
      return fallback;
    }
    Duration value;
    try {
      value = DurationFormat.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          name, "must be a duration like 30s, 500ms or 2m, was '" + clip(text) + "'");
    }
    if (value.compareTo(max) > 0) {
      throw ApiException.badRequest(name, "must be at most " + DurationFormat.format(max));
    }
    return value;
  }

  /** At most 40 characters of {@code text}, so an error message never echoes a huge input. */
  public static String clip(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
