package dev.celeriac.console;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The bearer tokens the console accepts, each with a {@link ConsoleRole}. Written as {@code
 * role:token} pairs separated by commas or new lines, e.g. {@code admin:s3cret,viewer:l00k}; blank
 * lines and lines starting with {@code #} are ignored in a file.
 *
 * <p>Tokens are compared in constant time (SHA-256 digests compared with {@link
 * MessageDigest#isEqual}), and every configured token is compared on each request, so the time
 * taken says nothing about which token nearly matched. {@link #toString()} never shows a token.
 * Immutable and thread-safe.
 */
public final class ConsoleTokens {
  /** The environment variable with inline {@code role:token} pairs. */
  public static final String TOKENS_ENV = "CELERIAC_CONSOLE_TOKENS";

  /** The environment variable naming a file of {@code role:token} lines. */
  public static final String TOKENS_FILE_ENV = "CELERIAC_CONSOLE_TOKENS_FILE";

  private static final int MIN_TOKEN_LENGTH = 16;

  private record Entry(byte[] digest, ConsoleRole role) {}

  private final List<Entry> entries;

  private ConsoleTokens(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** No tokens: the console then binds to localhost only and lets every local caller act. */
  public static ConsoleTokens none() {
    return new ConsoleTokens(List.of());
  }

  /**
   * Parses {@code role:token} pairs separated by commas or new lines.
   *
   * @throws IllegalArgumentException naming the entry (never the token) if a role is not {@code
   *     admin} or {@code viewer}, or a token is shorter than 16 characters or contains blanks
   */
  public static ConsoleTokens parse(String text) {
    requireNonNull(text, "text");
    List<Entry> entries = new ArrayList<>();
    int index = 0;
    for (String raw : text.split("[,\\n]")) {
      String entry = raw.strip();
      index++;
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            "token entry " + index + " is not of the form role:token");
      }
      ConsoleRole role = role(entry.substring(0, colon).strip(), index);
      String token = entry.substring(colon + 1).strip();
      if (token.length() < MIN_TOKEN_LENGTH || token.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(
            "token entry "
                + index
                + " ("
                + role.name().toLowerCase(Locale.ROOT)
                + "): a token must be at least "
                + MIN_TOKEN_LENGTH
                + " characters without blanks");
      }
      entries.add(new Entry(digest(token), role));
    }
    return new ConsoleTokens(entries);
  }

  /**
   * The tokens from the environment: {@value #TOKENS_ENV} if set, else the file named by {@value
   * #TOKENS_FILE_ENV} if set, else {@link #none()}.
   *
   * @throws IllegalArgumentException if the tokens do not parse
   * @throws UncheckedIOException if the file cannot be read
   */
  public static ConsoleTokens fromEnvironment(Map<String, String> environment) {
    String inline = environment.get(TOKENS_ENV);
    if (inline != null && !inline.isBlank()) {
      return parse(inline);
    }
    String file = environment.get(TOKENS_FILE_ENV);
    if (file != null && !file.isBlank()) {
      try {
        return parse(Files.readString(Path.of(file), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the console tokens file " + file, e);
      }
    }
    return none();
  }

  /** Whether no token is configured. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The role of {@code presented}, or empty if it matches no configured token. */
  public Optional<ConsoleRole> roleOf(String presented) {
    byte[] digest = digest(requireNonNull(presented, "presented"));
    ConsoleRole found = null;
    for (Entry entry : entries) {
      // No early exit: every entry is compared, whatever matched.
      if (MessageDigest.isEqual(entry.digest(), digest) && found == null) {
        found = entry.role();
      }
    }
    return Optional.ofNullable(found);
  }

  @Override
  public String toString() {
    return "ConsoleTokens[" + entries.size() + " configured]";
  }

  private static ConsoleRole role(String name, int index) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "admin" -> ConsoleRole.ADMIN;
      case "viewer" -> ConsoleRole.VIEWER;
      default ->
          throw new IllegalArgumentException(
              "token entry " + index + ": unknown role '" + name + "' (use admin or viewer)");
    };
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
