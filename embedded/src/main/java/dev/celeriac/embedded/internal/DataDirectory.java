package dev.celeriac.embedded.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The directory a server keeps its data in: one the caller gave (kept on close) or a temporary one
 * (deleted on close).
 *
 * @param path the directory
 * @param ephemeral whether {@link #deleteIfEphemeral()} removes it
 */
public record DataDirectory(Path path, boolean ephemeral) {
  /**
   * {@code given} (created if missing) or, when null, a new temporary directory named after {@code
   * prefix}.
   *
   * @throws UncheckedIOException if the directory cannot be created
   */
  public static DataDirectory givenOrTemporary(@Nullable Path given, String prefix) {
    try {
      if (given != null) {
        return new DataDirectory(Files.createDirectories(given), false);
      }
      return new DataDirectory(Files.createTempDirectory(prefix), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory: " + e.getMessage(), e);
    }
  }

  /**
   * Deletes the directory and its content when it is temporary; keeps a given one.
   *
   * @throws UncheckedIOException if a file cannot be deleted
   */
  public void deleteIfEphemeral() {
    if (!ephemeral || !Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete data directory " + path, e);
    }
  }
}
