package dev.celeriac.console.internal;

import dev.celeriac.console.ConsoleRole;
import dev.celeriac.console.ConsoleTokens;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Optional;

/**
 * Checks the bearer token of every request to {@code /api/*}, {@code /events} and {@code /metrics}:
 * reading needs a viewer or admin token, anything else (POST, PUT, DELETE) an admin token. Missing
 * or unknown token: 401; known token without the role: 403. With no tokens configured every caller
 * is admin (the console then binds to localhost only). The UI's static files and {@code /health}
 * are public. Never logs a credential.
 */
public final class Authenticator {
  private static final String BEARER = "Bearer ";

  private final ConsoleTokens tokens;

  /** Checks against {@code tokens}. */
  public Authenticator(ConsoleTokens tokens) {
    this.tokens = tokens;
  }

  /** The before-handler: throws an {@link ApiException}-like answer for refused requests. */
  public void check(Context ctx) {
    String path = ctx.path();
    boolean guarded = path.startsWith("/api/") || path.equals("/events") || path.equals("/metrics");
    if (!guarded || tokens.isEmpty() || ctx.method() == HandlerType.OPTIONS) {
      return;
    }
    ConsoleRole needed = isRead(ctx.method()) ? ConsoleRole.VIEWER : ConsoleRole.ADMIN;
    Optional<ConsoleRole> role = presented(ctx).flatMap(tokens::roleOf);
    if (role.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"celeriac\"");
      throw new AuthException(401, "a valid bearer token is required (Authorization: Bearer …)");
    }
    if (!role.get().includes(needed)) {
      throw new AuthException(403, "this action needs an admin token");
    }
  }

  private static boolean isRead(HandlerType method) {
    return method == HandlerType.GET || method == HandlerType.HEAD;
  }

  private static Optional<String> presented(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    String token = header.substring(BEARER.length()).strip();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  /** A refused request: 401 or 403. */
  public static final class AuthException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    AuthException(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }

    /** 401 or 403. */
    public int status() {
      return status;
    }
  }
}
