package dev.celeriac.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL server run from the zonky binaries as a child process. As root it runs itself in a
 * user namespace ({@code unshare -U}), since PostgreSQL refuses to run as root.
 */
public final class EmbeddedPostgres implements AutoCloseable {
  private final @Nullable Path dataDirectory;
  private final AtomicReference<io.zonky.test.db.postgres.embedded.@Nullable EmbeddedPostgres>
      server = new AtomicReference<>();

  /**
   * A server that keeps its data in {@code dataDirectory}, or in a fresh temporary directory
   * deleted on close when null.
   */
  public EmbeddedPostgres(@Nullable Path dataDirectory) {
    this.dataDirectory = dataDirectory;
  }

  /**
   * Starts the server on a free port. Takes about 1–5 s (the first run unpacks the binaries).
   *
   * @throws IllegalStateException if already started
   * @throws UncheckedIOException if the server does not start
   */
  public PostgresEndpoint start() {
    if (server.get() != null) {
      throw new IllegalStateException("already started");
    }
    try {
      var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder();
      if (dataDirectory != null) {
        builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
      }
      var started = builder.start();
      server.set(started);
      return endpoint(started);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start: " + e.getMessage(), e);
    }
  }

  /** The running server's endpoint (database {@code postgres}). */
  public PostgresEndpoint endpoint() {
    var running = server.get();
    if (running == null) {
      throw new IllegalStateException("not started");
    }
    return endpoint(running);
  }

  private static PostgresEndpoint endpoint(
      io.zonky.test.db.postgres.embedded.EmbeddedPostgres running) {
    return new PostgresEndpoint(running.getJdbcUrl("postgres", "postgres"), "postgres", "");
  }

  /** Stops the server; idempotent, and safe before {@link #start()}. */
  @Override
  public void close() {
    var running = server.getAndSet(null);
    if (running == null) {
      return;
    }
    try {
      running.close();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
    }
  }
}
