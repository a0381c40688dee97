package dev.celeriac.embedded.junit.internal;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Environment variables, injectable so discovery can be tested with made-up ones. */
@FunctionalInterface
public interface Environment {
  /** The value of {@code name}, or null if it is not set. */
  @Nullable String get(String name);

  /** The value of {@code name}, or null if it is unset or blank. */
  default @Nullable String nonBlank(String name) {
    String value = get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** The value of {@code name}, or {@code fallback} if it is not set. */
  default String getOrDefault(String name, String fallback) {
    String value = get(name);
    return value == null ? fallback : value;
  }

  /** Whether this runs under CI ({@code CI=true}, as GitHub Actions and most CI systems set). */
  default boolean ci() {
    return "true".equalsIgnoreCase(get("CI"));
  }

  /** The process environment. */
  static Environment system() {
    return System::getenv;
  }

  /** A fixed environment holding only {@code variables}. */
  static Environment of(Map<String, String> variables) {
    return variables::get;
  }
}
