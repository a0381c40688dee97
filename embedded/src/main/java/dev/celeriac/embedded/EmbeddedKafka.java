package dev.celeriac.embedded;

import static java.util.Objects.requireNonNull;

import dev.celeriac.embedded.internal.DataDirectory;
import dev.celeriac.embedded.internal.FreePorts;
import dev.celeriac.embedded.internal.KafkaBrokerProperties;
import dev.celeriac.embedded.internal.KafkaReadiness;
import dev.celeriac.embedded.internal.KafkaStorage;
import java.nio.file.Path;
import java.time.Duration;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster (KRaft, broker and controller in one node) run inside this JVM, with
 * share groups (KIP-932) ready to use. Internal topics have replication factor 1, and the broker
 * lets share groups use acquisition locks down to 1 s.
 *
 * <p>Lifecycle: {@link #start()} formats the data directory if needed and waits until the broker
 * answers; {@link #stop()} shuts the broker down and keeps its data, ports and cluster id, so a
 * later {@link #start()} brings the same cluster back on the same address (for fault tests); {@link
 * #close()} stops it for good and deletes a temporary data directory. All methods are thread-safe;
 * they serialise on this instance.
 *
 * <pre>{@code
 * try (var kafka = EmbeddedKafka.builder().build()) {
 *   KafkaEndpoint endpoint = kafka.start();   // cold start about 4-6 s
 *   ...
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private enum State {
    NEW,
    RUNNING,
    STOPPED,
    CLOSED
  }

  private final @Nullable Path givenDirectory;
  private final int brokerPort;
  private final int controllerPort;
  private final int advertisedPort;
  private State state = State.NEW;
  private @Nullable DataDirectory directory;
  private @Nullable KafkaRaftServer server;

  private EmbeddedKafka(Builder builder) {
    this.givenDirectory = builder.dataDirectory;
    this.controllerPort =
        builder.controllerPort != null ? builder.controllerPort : freePortOtherThan(-1);
    this.brokerPort =
        builder.brokerPort != null ? builder.brokerPort : freePortOtherThan(controllerPort);
    this.advertisedPort = builder.advertisedPort != null ? builder.advertisedPort : brokerPort;
    if (brokerPort == controllerPort) {
      throw new IllegalArgumentException(
          "broker and controller need different ports, both were " + brokerPort);
    }
  }

  private static int freePortOtherThan(int taken) {
    int port = FreePorts.pick();
    while (port == taken) {
      port = FreePorts.pick();
    }
    return port;
  }

  /** A builder; by default free ports and a temporary data directory. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the node, or starts it again after {@link #stop()}, and waits until it answers (at most
   * 60 s). A cold start takes about 4-6 s.
   *
   * @return the endpoint; the same on every start of this instance
   * @throws IllegalStateException if it is running or closed, or if the node does not start or
   *     answer in time (the half-started node is shut down again)
   */
  public synchronized KafkaEndpoint start() {
    if (state == State.RUNNING || state == State.CLOSED) {
      throw new IllegalStateException("embedded Kafka is " + state.name().toLowerCase());
    }
    if (directory == null) {
      directory = DataDirectory.givenOrTemporary(givenDirectory, "celeriac-kafka-");
    }
    long begin = System.nanoTime();
    KafkaStorage.formatIfNeeded(directory.path());
    var props =
        KafkaBrokerProperties.of(directory.path(), brokerPort, controllerPort, advertisedPort);
    var starting = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
    try {
      starting.startup();
    } catch (RuntimeException e) {
      shutDown(starting);
      throw new IllegalStateException("embedded Kafka did not start: " + e.getMessage(), e);
    }
    String notReady = KafkaReadiness.awaitNodes(endpoint().bootstrapServers(), READY_TIMEOUT);
    if (notReady != null) {
      shutDown(starting);
      throw new IllegalStateException("embedded Kafka started but does not answer: " + notReady);
    }
    server = starting;
    state = State.RUNNING;
    log.info(
        "embedded Kafka ready on {} in {} ms (data in {})",
        endpoint().bootstrapServers(),
        (System.nanoTime() - begin) / 1_000_000,
        directory.path());
    return endpoint();
  }

  /**
   * The endpoint, known before the first start: {@code 127.0.0.1:<advertised port>}, which is the
   * broker port unless {@link Builder#advertisedPort} named another.
   */
  public KafkaEndpoint endpoint() {
    return new KafkaEndpoint("127.0.0.1:" + advertisedPort);
  }

  /** The port the node itself listens on for clients, whatever it advertises. */
  public int brokerPort() {
    return brokerPort;
  }

  /**
   * The data directory (logs and KRaft metadata).
   *
   * @throws IllegalStateException before the first {@link #start()} when it is temporary
   */
  public synchronized Path dataDirectory() {
    if (directory != null) {
      return directory.path();
    }
    if (givenDirectory != null) {
      return givenDirectory;
    }
    throw new IllegalStateException("the temporary data directory is created on start()");
  }

  /** Whether the node is running (started and neither stopped nor closed). */
  public synchronized boolean isRunning() {
    return state == State.RUNNING;
  }

  /**
   * Shuts the node down cleanly and keeps its data and ports for a later {@link #start()}. Does
   * nothing unless it is running.
   */
  public synchronized void stop() {
    if (state != State.RUNNING) {
      return;
    }
    state = State.STOPPED;
    var running = requireNonNull(server);
    server = null;
    shutDown(running);
    log.info("embedded Kafka on {} stopped", endpoint().bootstrapServers());
  }

  /**
   * Stops the node and deletes a temporary data directory (a given one is kept). Idempotent, and
   * safe before {@link #start()}; the instance cannot be started again.
   */
  @Override
  public synchronized void close() {
    if (state == State.CLOSED) {
      return;
    }
    stop();
    state = State.CLOSED;
    if (directory != null) {
      directory.deleteIfEphemeral();
    }
  }

  private static void shutDown(KafkaRaftServer node) {
    node.shutdown();
    node.awaitShutdown();
  }

  /** Options of an {@link EmbeddedKafka}; every one is optional. Not thread-safe. */
  public static final class Builder {
    private @Nullable Path dataDirectory;
    private @Nullable Integer brokerPort;
    private @Nullable Integer controllerPort;
    private @Nullable Integer advertisedPort;

    private Builder() {}

    /**
     * Keeps logs and metadata in {@code directory} (created if missing, never deleted), so a new
     * instance on it finds the earlier data. Default: a temporary directory deleted on close.
     */
    public Builder dataDirectory(Path directory) {
      this.dataDirectory = requireNonNull(directory, "directory");
      return this;
    }

    /**
     * The client (PLAINTEXT) port on 127.0.0.1. Default: a free port chosen when built.
     *
     * @throws IllegalArgumentException if not in 1..65535
     */
    public Builder brokerPort(int port) {
      this.brokerPort = checkPort(port);
      return this;
    }

    /**
     * The KRaft controller port on 127.0.0.1. Default: a free port chosen when built.
     *
     * @throws IllegalArgumentException if not in 1..65535
     */
    public Builder controllerPort(int port) {
      this.controllerPort = checkPort(port);
      return this;
    }

    /**
     * The port on 127.0.0.1 the node tells clients to connect to, when a proxy in front of it
     * forwards that port to the broker port (fault tests cut the network there); the node must be
     * reachable through it to start. Default: the broker port.
     *
     * @throws IllegalArgumentException if not in 1..65535
     */
    public Builder advertisedPort(int port) {
      this.advertisedPort = checkPort(port);
      return this;
    }

    /**
     * A new, not yet started node.
     *
     * @throws IllegalArgumentException if the broker and controller ports are the same
     */
    public EmbeddedKafka build() {
      return new EmbeddedKafka(this);
    }

    private static int checkPort(int port) {
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("port must be in 1..65535, was " + port);
      }
      return port;
    }
  }
}
