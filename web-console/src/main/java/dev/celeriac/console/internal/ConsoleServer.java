package dev.celeriac.console.internal;

import dev.celeriac.console.ConsoleTokens;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Assembles the Javalin server: auth, routes, error answers, UI files, metrics, events. */
public final class ConsoleServer {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
  private static final String UI = "/dev/celeriac/console/ui";
  private static final String OPENAPI = UI + "/openapi.json";
  private static final String TIMER_START = "celeriac.console.timer";

  private ConsoleServer() {}

  /** A Javalin app (not started) serving {@code console}. */
  public static Javalin create(
      ConsoleContext console,
      ConsoleTokens tokens,
      LiveFeed feed,
      PrometheusMeterRegistry metrics) {
    Authenticator auth = new Authenticator(tokens);
    String openApi = resource(OPENAPI);
    return Javalin.create(
        cfg -> {
          cfg.concurrency.useVirtualThreads = true;
          cfg.startup.showJavalinBanner = false;
          cfg.staticFiles.add(UI, Location.CLASSPATH);
          cfg.routes.before(ctx -> ctx.attribute(TIMER_START, Timer.start(metrics)));
          cfg.routes.before(auth::check);
          cfg.routes.after(ctx -> record(ctx, metrics));
          new TaskRoutes(console).register(cfg.routes);
          new MonitorRoutes(console).register(cfg.routes);
          new DeadLetterRoutes(console).register(cfg.routes);
          new ScheduleRoutes(console).register(cfg.routes);
          cfg.routes.get(
              "/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
          cfg.routes.get(
              "/metrics",
              ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
          cfg.routes.sse("/events", feed::join);
          errors(cfg);
        });
  }

  private static void errors(JavalinConfig cfg) {
    cfg.routes.exception(
        ApiException.class,
        (e, ctx) -> {
          var body = Json.object();
          body.put("status", e.status());
          body.put("error", e.getMessage());
          if (e.field() != null) {
            body.put("field", e.field());
          }
          Json.answer(ctx, e.status(), body);
        });
    cfg.routes.exception(
        Authenticator.AuthException.class,
        (e, ctx) -> {
          var body = Json.object();
          body.put("status", e.status());
          body.put("error", e.getMessage());
          Json.answer(ctx, e.status(), body);
        });
    // Javalin's own refusals (a body over its request size limit, 413) would otherwise answer in
    // plain text; every answer of the API is JSON naming what is wrong.
    cfg.routes.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          var body = Json.object();
          body.put("status", e.getStatus());
          if (e.getStatus() == 413) {
            body.put("error", "the request body is larger than the console accepts");
            body.put("field", "body");
          } else {
            body.put("error", e.getMessage());
          }
          Json.answer(ctx, e.getStatus(), body);
        });
    cfg.routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
          var body = Json.object();
          body.put("status", 500);
          body.put(
              "error",
              "internal error (" + e.getClass().getSimpleName() + "); see the console's log");
          Json.answer(ctx, 500, body);
        });
    cfg.routes.error(
        404,
        ctx -> {
          String type = ctx.res().getContentType();
          if (type == null || !type.startsWith("application/json")) {
            var body = Json.object();
            body.put("status", 404);
            body.put("error", "no such endpoint: " + ctx.method() + " " + ctx.path());
            Json.answer(ctx, 404, body);
          }
        });
  }

  private static void record(Context ctx, PrometheusMeterRegistry metrics) {
    Timer.Sample sample = ctx.attribute(TIMER_START);
    var endpoint = ctx.endpoints().lastHttpEndpoint();
    if (sample == null || endpoint == null) {
      return; // unmatched paths are not recorded: their number is unbounded
    }
    sample.stop(
        Timer.builder("celeriac.console.requests")
            .description("HTTP requests served by the console")
            .tag("method", ctx.method().name())
            .tag("route", endpoint.path)
            .tag("status", Integer.toString(ctx.statusCode()))
            .register(metrics));
  }

  private static String resource(String path) {
    try (InputStream in = ConsoleServer.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
