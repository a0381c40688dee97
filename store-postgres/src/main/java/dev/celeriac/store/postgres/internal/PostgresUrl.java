package dev.celeriac.store.postgres.internal;

import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A store URL taken apart into what the JDBC driver needs. Two forms are read:
 *
 * <ul>
 *   <li>libpq's {@code postgresql://[user[:password]@]host[:port][,host2...][/database][?params]}
 *       (also {@code postgres://}), with percent-encoded user and password;
 *   <li>pgjdbc's own {@code jdbc:postgresql://host[:port]/database[?user=...&password=...]}, kept
 *       as it is; the driver reads the user and password parameters itself.
 * </ul>
 *
 * @param jdbcUrl the JDBC URL, without user information
 * @param user the user from the URL's user information, or null if it has none
 * @param password the password from the URL's user information, or null if it has none
 */
public record PostgresUrl(String jdbcUrl, @Nullable String user, @Nullable String password) {
  private static final String JDBC_PREFIX = "jdbc:postgresql:";
  private static final String[] LIBPQ_PREFIXES = {"postgresql://", "postgres://"};

  /** Validates the JDBC URL. */
  public PostgresUrl {
    requireNonNull(jdbcUrl, "jdbcUrl");
  }

  /** True if {@code url} is in one of the two forms, judged by its scheme alone. */
  public static boolean isPostgresUrl(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith(JDBC_PREFIX) || libpqPrefixLength(lower) > 0;
  }

  /**
   * Reads {@code url}.
   *
   * @throws IllegalArgumentException if it is in neither form or names no host
   */
  public static PostgresUrl parse(String url) {
    requireNonNull(url, "url");
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith(JDBC_PREFIX)) {
      return new PostgresUrl(url, null, null);
    }
    int prefix = libpqPrefixLength(lower);
    if (prefix == 0) {
      throw new IllegalArgumentException(
          "a PostgreSQL store URL starts with postgresql:// or jdbc:postgresql:, was '"
              + scheme(url)
              + "'");
    }
    String rest = url.substring(prefix);
    int authorityEnd = indexOfAny(rest, '/', '?');
    String authority = rest.substring(0, authorityEnd);
    String tail = rest.substring(authorityEnd);
    int at = authority.lastIndexOf('@');
    String hosts = authority.substring(at + 1);
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException(
          "a PostgreSQL store URL needs a host, as in postgresql://user@host:5432/celeriac");
    }
    String jdbcUrl = "jdbc:postgresql://" + hosts + tail;
    if (at < 0) {
      return new PostgresUrl(jdbcUrl, null, null);
    }
    String userInfo = authority.substring(0, at);
    int colon = userInfo.indexOf(':');
    return colon < 0
        ? new PostgresUrl(jdbcUrl, decode(userInfo), null)
        : new PostgresUrl(
            jdbcUrl, decode(userInfo.substring(0, colon)), decode(userInfo.substring(colon + 1)));
  }

  private static int libpqPrefixLength(String lower) {
    for (String prefix : LIBPQ_PREFIXES) {
      if (lower.startsWith(prefix)) {
        return prefix.length();
      }
    }
    return 0;
  }

  private static int indexOfAny(String text, char first, char second) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == first || text.charAt(i) == second) {
        return i;
      }
    }
    return text.length();
  }

  private static String decode(String encoded) {
    // Percent-decoding only: a '+' in a password is a plus, not a space as in form encoding.
    return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String scheme(String url) {
    int colon = url.indexOf(':');
    return colon > 0 ? url.substring(0, colon) + ":..." : "(no scheme)";
  }

  /** The JDBC URL and user; the password is never shown. */
  @Override
  public String toString() {
    return "PostgresUrl["
        + jdbcUrl
        + ", user="
        + user
        + (password == null ? "" : ", password=***")
        + "]";
  }
}
