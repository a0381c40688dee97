package dev.celeriac.console.internal;

import org.jspecify.annotations.Nullable;

/** A request the API answers with a 4xx/5xx status and a JSON body naming the field at fault. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final @Nullable String field;

  private ApiException(int status, @Nullable String field, String message) {
    super(message, null, false, false);
    this.status = status;
    this.field = field;
  }

  /** 400: {@code field} is invalid for {@code reason}. */
  public static ApiException badRequest(String field, String reason) {
    return new ApiException(400, field, reason);
  }

  /** 404: nothing is known by that identifier. */
  public static ApiException notFound(String what) {
    return new ApiException(404, null, what);
  }

  /** 409: the resource is not in a state that allows the action. */
  public static ApiException conflict(String reason) {
    return new ApiException(409, null, reason);
  }

  /** 501: this console was started without the component the action needs. */
  public static ApiException notConfigured(String reason) {
    return new ApiException(501, null, reason);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The field at fault, for a 400. */
  public @Nullable String field() {
    return field;
  }
}
