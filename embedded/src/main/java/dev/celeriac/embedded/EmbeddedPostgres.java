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
  private final int port;
  private final AtomicReference<io.zonky.test.db.postgres.embedded.@Nullable EmbeddedPostgres>
      server = new AtomicReference<>();

  /**
   * A server that keeps its data in {@code dataDirectory}, or in a fresh temporary directory
   * deleted on close when null.
   */
  public EmbeddedPostgres(@Nullable Path dataDirectory) {
    this(dataDirectory, 0);
  }

  /**
   * A server that keeps its data in {@code dataDirectory} and listens on {@code port} on every
   * start, so a client sees the same server again after {@link #close()} and {@link #start()} (a
   * restart, as fault tests need); port 0 means a free port on each start.
   *
   * @throws IllegalArgumentException if {@code port} is not in 0..65535
   */
  public EmbeddedPostgres(@Nullable Path dataDirectory, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in 0..65535, was " + port);
    }
    this.dataDirectory = dataDirectory;
    this.port = port;
  }

  /**
   * Starts the server on its port (a free one unless given), or starts it again after {@link
   * #close()} when its data directory was given. Takes about 1–5 s (the first run unpacks the
   * binaries).
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
      if (port != 0) {
        builder.setPort(port);
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

  /**
   * Stops the server; idempotent, and safe before {@link #start()}. A given data directory is kept,
   * so {@link #start()} brings the same databases back.
   */
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
