package dev.celeriac.embedded;

import static java.util.Objects.requireNonNull;

import dev.celeriac.embedded.internal.DataDirectory;
import dev.celeriac.embedded.internal.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone ZooKeeper server run inside this JVM (Curator's {@code TestingServer}, a real
 * ZooKeeper 3.9 server; its admin HTTP server is off).
 *
 * <p>Lifecycle: {@link #start()} starts it; {@link #stop()} stops it and keeps its data and port,
 * so a later {@link #start()} brings the same server back (sessions that did not expire meanwhile
 * survive); {@link #close()} stops it for good and deletes a temporary data directory. All methods
 * are thread-safe; they serialise on this instance.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedZooKeeper.class);

  private enum State {
    NEW,
    RUNNING,
    STOPPED,
    CLOSED
  }

  private final @Nullable Path givenDirectory;
  private final int port;
  private State state = State.NEW;
  private @Nullable DataDirectory directory;
  private @Nullable TestingServer server;

  private EmbeddedZooKeeper(@Nullable Path givenDirectory, int port) {
    this.givenDirectory = givenDirectory;
    this.port = port;
  }

  /** A builder; by default a free port and a temporary data directory. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the server, or starts it again after {@link #stop()}. Takes well under a second.
   *
   * @return the endpoint; the same on every start of this instance
   * @throws IllegalStateException if it is running or closed, or if the server does not start
   */
  public synchronized ZooKeeperEndpoint start() {
    if (state == State.RUNNING || state == State.CLOSED) {
      throw new IllegalStateException("embedded ZooKeeper is " + state.name().toLowerCase());
    }
    try {
      if (server == null) {
        directory = DataDirectory.givenOrTemporary(givenDirectory, "celeriac-zookeeper-");
        server = new TestingServer(spec(directory.path()), false);
        server.start();
      } else {
        server.restart();
      }
    } catch (Exception e) {
      throw new IllegalStateException(
          "embedded ZooKeeper did not start on port " + port + ": " + e.getMessage(), e);
    }
    state = State.RUNNING;
    log.info("embedded ZooKeeper ready on {}", endpoint().connectString());
    return endpoint();
  }

  private InstanceSpec spec(Path dataDirectory) {
    // The admin server would take port 8080 (and needs Jetty); tests do not use it.
    Map<String, Object> properties = Map.of("admin.enableServer", "false");
    return new InstanceSpec(
        dataDirectory.toFile(), port, -1, -1, false, 1, -1, -1, properties, "127.0.0.1");
  }

  /** The endpoint, known before the first start: {@code 127.0.0.1:<port>}. */
  public ZooKeeperEndpoint endpoint() {
    return new ZooKeeperEndpoint("127.0.0.1:" + port);
  }

  /** Whether the server is running (started and neither stopped nor closed). */
  public synchronized boolean isRunning() {
    return state == State.RUNNING;
  }

  /**
   * Stops the server and keeps its data and port for a later {@link #start()}. Does nothing unless
   * it is running.
   *
   * @throws UncheckedIOException if the server does not stop cleanly
   */
  public synchronized void stop() {
    if (state != State.RUNNING) {
      return;
    }
    state = State.STOPPED;
    try {
      requireNonNull(server).stop();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded ZooKeeper did not stop cleanly", e);
    }
    log.info("embedded ZooKeeper on {} stopped", endpoint().connectString());
  }

  /**
   * Stops the server and deletes a temporary data directory (a given one is kept). Idempotent, and
   * safe before {@link #start()}; the instance cannot be started again.
   *
   * @throws UncheckedIOException if the server does not stop cleanly
   */
  @Override
  public synchronized void close() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("embedded ZooKeeper did not stop cleanly", e);
    } finally {
      if (directory != null) {
        directory.deleteIfEphemeral();
      }
    }
  }

  /** Options of an {@link EmbeddedZooKeeper}; every one is optional. Not thread-safe. */
  public static final class Builder {
    private @Nullable Path dataDirectory;
    private @Nullable Integer port;

    private Builder() {}

    /**
     * Keeps snapshots and transaction logs in {@code directory} (created if missing, never
     * deleted). Default: a temporary directory deleted on close.
     */
    public Builder dataDirectory(Path directory) {
      this.dataDirectory = requireNonNull(directory, "directory");
      return this;
    }

    /**
     * The client port on 127.0.0.1. Default: a free port chosen when built.
     *
     * @throws IllegalArgumentException if not in 1..65535
     */
    public Builder port(int port) {
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("port must be in 1..65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** A new, not yet started server. */
    public EmbeddedZooKeeper build() {
      return new EmbeddedZooKeeper(dataDirectory, port != null ? port : FreePorts.pick());
    }
  }
}
