package dev.celeriac.console;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.TaskClient;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.TaskStore;
import dev.celeriac.console.internal.ConsoleContext;
import dev.celeriac.console.internal.ConsoleServer;
import dev.celeriac.console.internal.LiveFeed;
import dev.celeriac.console.internal.StoreGauges;
import dev.celeriac.coordinator.ScheduleManager;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Celeriac web console: REST API under {@code /api/v1} (described at {@code
 * /api/v1/openapi.json}), the web UI at {@code /}, Server-Sent Events at {@code /events},
 * Prometheus metrics at {@code /metrics} and {@code /health}, in one Javalin server on virtual
 * threads.
 *
 * <pre>{@code
 * WebConsole console = WebConsole.builder()
 *     .store(store).broker(broker)
 *     .schedules(scheduleManager)             // optional: the schedules pages and API
 *     .environment(System.getenv())           // CELERIAC_CONSOLE_TOKENS, _HOST, _PORT
 *     .build();
 * console.start();
 * }</pre>
 *
 * <p><b>Auth.</b> With tokens ({@link ConsoleTokens}) every API, events and metrics request needs
 * {@code Authorization: Bearer <token>}: a viewer token reads, an admin token also acts. Without
 * tokens the console binds to {@code 127.0.0.1} only, lets every local caller act, and says so in
 * its log; {@link Builder#build()} refuses another host then.
 *
 * <p><b>Lifecycle.</b> {@link #start()} once; {@link #close()} is idempotent and safe before {@code
 * start()}. The console closes nothing it was given (store, broker, client, schedules).
 * Thread-safe.
 */
public final class WebConsole implements AutoCloseable {
  /** The environment variable with the host to bind; see {@link Builder#host(String)}. */
  public static final String HOST_ENV = "CELERIAC_CONSOLE_HOST";

  /** The environment variable with the port to listen on; see {@link Builder#port(int)}. */
  public static final String PORT_ENV = "CELERIAC_CONSOLE_PORT";

  /** The port used unless one is set. */
  public static final int DEFAULT_PORT = 8080;

  private static final Logger LOG = LoggerFactory.getLogger(WebConsole.class);

  private enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final Javalin app;
  private final LiveFeed feed;
  private final @Nullable TaskClient ownedClient;
  private final String host;
  private final int requestedPort;
  private final boolean open;

  private WebConsole(Builder b, TaskClient client, @Nullable TaskClient ownedClient, String host) {
    ConsoleContext context =
        new ConsoleContext(b.store, b.broker, client, b.schedules, b.clock, b.staleAfter);
    PrometheusMeterRegistry metrics =
        b.metrics != null ? b.metrics : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.feed = new LiveFeed(context, b.feedInterval);
    StoreGauges.register(metrics, feed);
    this.app = ConsoleServer.create(context, b.tokens, feed, metrics);
    this.ownedClient = ownedClient;
    this.host = host;
    this.requestedPort = b.port;
    this.open = b.tokens.isEmpty();
  }

  /** A builder; store and broker are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the server and the live feed.
   *
   * @throws IllegalStateException if started before or closed
   */
  public void start() {
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new IllegalStateException("the console was started before or is closed");
    }
    feed.start();
    app.start(host, requestedPort);
    if (open) {
      LOG.warn(
          "No console tokens configured ({} / {}): the console listens on {}:{} only, and every"
              + " local caller may act",
          ConsoleTokens.TOKENS_ENV,
          ConsoleTokens.TOKENS_FILE_ENV,
          host,
          app.port());
    } else {
      LOG.info("Celeriac console listening on {}:{} (token auth on)", host, app.port());
    }
  }

  /**
   * The port the server listens on (the one chosen by the system if 0 was asked for).
   *
   * @throws IllegalStateException before {@link #start()}
   */
  public int port() {
    if (state.get() != State.RUNNING) {
      throw new IllegalStateException("the console is not running");
    }
    return app.port();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8080}; see {@link #port()}. */
  public String url() {
    String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host;
    return "http://" + shown + ":" + port();
  }

  /** Stops the server and the feed, and closes the client it built itself. Idempotent. */
  @Override
  public void close() {
    if (state.getAndSet(State.CLOSED) != State.RUNNING) {
      return;
    }
    feed.close();
    app.stop();
    if (ownedClient != null) {
      ownedClient.close();
    }
  }

  /** Builds a {@link WebConsole}; not thread-safe. */
  public static final class Builder {
    private @Nullable TaskStore store;
    private @Nullable Broker broker;
    private @Nullable TaskClient client;
    private @Nullable ScheduleManager schedules;
    private ConsoleTokens tokens = ConsoleTokens.none();
    private @Nullable String host;
    private int port = DEFAULT_PORT;
    private InstantSource clock = InstantSource.system();
    private Duration staleAfter = Duration.ofSeconds(30);
    private Duration feedInterval = Duration.ofSeconds(1);
    private @Nullable PrometheusMeterRegistry metrics;

    private Builder() {}

    /**
     * The task store. Required. Dead-letter actions need it to implement {@link
     * dev.celeriac.api.spi.DeadLetterStore}, and statistics {@link
     * dev.celeriac.api.spi.TaskStatistics} (the PostgreSQL and in-memory stores do); otherwise
     * those endpoints answer 501.
     */
    public Builder store(TaskStore value) {
      this.store = requireNonNull(value, "store");
      return this;
    }

    /**
     * The broker submissions go to. Required. Queue depths need it to implement {@link
     * dev.celeriac.api.spi.QueueInspector} (RabbitMQ and in-memory do); otherwise depth is null.
     */
    public Builder broker(Broker value) {
      this.broker = requireNonNull(value, "broker");
      return this;
    }

    /** The client for submit, retry and re-drive. Defaults to one on the store and broker. */
    public Builder client(TaskClient value) {
      this.client = requireNonNull(value, "client");
      return this;
    }

    /** The schedule API. Without it the schedule endpoints answer 501. */
    public Builder schedules(ScheduleManager value) {
      this.schedules = requireNonNull(value, "schedules");
      return this;
    }

    /** The accepted tokens. Defaults to none (localhost only, no auth). */
    public Builder tokens(ConsoleTokens value) {
      this.tokens = requireNonNull(value, "tokens");
      return this;
    }

    /**
     * The host to bind. Defaults to {@code 127.0.0.1} without tokens and {@code 0.0.0.0} with them.
     */
    public Builder host(String value) {
      this.host = requireNonNull(value, "host");
      return this;
    }

    /** The port; 0 picks a free one. Defaults to 8080. */
    public Builder port(int value) {
      if (value < 0 || value > 65_535) {
        throw new IllegalArgumentException("port must be 0..65535, was " + value);
      }
      this.port = value;
      return this;
    }

    /**
     * Reads {@link ConsoleTokens#TOKENS_ENV}, {@link ConsoleTokens#TOKENS_FILE_ENV}, {@value
     * #HOST_ENV} and {@value #PORT_ENV} from {@code environment} (e.g. {@code System.getenv()});
     * absent variables leave the settings as they are.
     *
     * @throws IllegalArgumentException if a value is invalid
     */
    public Builder environment(Map<String, String> environment) {
      ConsoleTokens fromEnv = ConsoleTokens.fromEnvironment(environment);
      if (!fromEnv.isEmpty()) {
        tokens(fromEnv);
      }
      String hostValue = environment.get(HOST_ENV);
      if (hostValue != null && !hostValue.isBlank()) {
        host(hostValue.strip());
      }
      String portValue = environment.get(PORT_ENV);
      if (portValue != null && !portValue.isBlank()) {
        try {
          port(Integer.parseInt(portValue.strip()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(PORT_ENV + " must be a port number, was " + portValue);
        }
      }
      return this;
    }

    /** The time source. Defaults to the system clock. */
    public Builder clock(InstantSource value) {
      this.clock = requireNonNull(value, "clock");
      return this;
    }

    /** How old a worker's last heartbeat may be before it shows as stale. Defaults to 30 s. */
    public Builder staleAfter(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("staleAfter must be positive, was " + value);
      }
      this.staleAfter = value;
      return this;
    }

    /** How often the live feed polls the store. Defaults to 1 s. */
    public Builder feedInterval(Duration value) {
      if (value.toMillis() < 50) {
        throw new IllegalArgumentException("feedInterval must be at least 50ms, was " + value);
      }
      this.feedInterval = value;
      return this;
    }

    /** The registry {@code /metrics} scrapes. Defaults to a new one. */
    public Builder metrics(PrometheusMeterRegistry value) {
      this.metrics = requireNonNull(value, "metrics");
      return this;
    }

    /**
     * The console, not started.
     *
     * @throws IllegalStateException if store or broker is missing, or no token is configured and
     *     the host is not a loopback address
     */
    public WebConsole build() {
      if (store == null || broker == null) {
        throw new IllegalStateException("a WebConsole needs a store and a broker");
      }
      String bindHost = host != null ? host : tokens.isEmpty() ? "127.0.0.1" : "0.0.0.0";
      if (tokens.isEmpty() && !isLoopback(bindHost)) {
        throw new IllegalStateException(
            "without tokens the console binds to localhost only, not "
                + bindHost
                + "; configure "
                + ConsoleTokens.TOKENS_ENV
                + " to listen on other addresses");
      }
      TaskClient owned =
          client == null
              ? TaskClient.builder().broker(broker).store(store).clock(clock).build()
              : null;
      return new WebConsole(this, client != null ? client : owned, owned, bindHost);
    }

    private static boolean isLoopback(String host) {
      try {
        return InetAddress.getByName(host).isLoopbackAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("unknown host " + host, e);
      }
    }
  }
}
