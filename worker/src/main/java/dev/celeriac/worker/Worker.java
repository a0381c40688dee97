package dev.celeriac.worker;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.ConsumerOptions;
import dev.celeriac.api.spi.TaskStore;
import dev.celeriac.api.spi.WorkerHeartbeat;
import dev.celeriac.worker.internal.DelayedDispatcher;
import dev.celeriac.worker.internal.DeliveryRunner;
import dev.celeriac.worker.internal.DrainSequence;
import dev.celeriac.worker.internal.HeartbeatLoop;
import dev.celeriac.worker.internal.InFlightDeliveries;
import dev.celeriac.worker.internal.OutcomeCounters;
import dev.celeriac.worker.internal.QueuePoller;
import dev.celeriac.worker.internal.RevocationWatch;
import dev.celeriac.worker.internal.TaskMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker process's runtime (DESIGN.md, Flow 4): one platform thread per queue polls the broker,
 * asking only for as many deliveries as the queue has free permits ({@link
 * WorkerConfig#concurrency()}), and each delivery runs through the {@link AttemptProcessor} on its
 * own virtual thread; {@code cpuBound} tasks run their bodies on a pool of {@link
 * WorkerConfig#cpuThreads()} platform threads, still within their queue's permits. Beside that it
 * dispatches due retries itself ({@link WorkerConfig#delayedDispatch()}), records a heartbeat,
 * stops the tasks it runs that were revoked with terminate (checking the store every {@link
 * WorkerConfig#revocationCheckInterval()}), and keeps {@link #stats()} and Micrometer meters.
 *
 * <pre>{@code
 * Worker worker = Worker.builder()
 *     .config(WorkerConfig.builder("emails", "default").concurrency(500).build())
 *     .registry(registry).broker(broker).store(store)
 *     .build();
 * worker.start();
 * ...
 * worker.close();   // drains for WorkerConfig.shutdownGrace()
 * }</pre>
 *
 * <p>Lifecycle (STYLE rule 12): {@link #start()} once; {@link #close()} and {@link #drain} are
 * idempotent, safe before {@code start()}, and safe from any thread. Stopping never loses a task: a
 * delivery is acknowledged only after its outcome is stored, and every other one is released to the
 * broker. Thread-safe.
 */
public final class Worker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Worker.class);

  /** Where a worker is in its life. */
  public enum State {
    /** Built, not started. */
    NEW,
    /** Polling and running tasks. */
    RUNNING,
    /** Stopped polling; waiting for tasks in flight. */
    DRAINING,
    /** Stopped; every delivery it held was settled or given back. */
    CLOSED
  }

  private final WorkerConfig config;
  private final Broker broker;
  private final TaskStore store;
  private final InstantSource clock;
  private final MeterRegistry meters;
  private final TaskMessageCodec codec;
  private final InFlightDeliveries inFlight = new InFlightDeliveries();
  private final OutcomeCounters outcomes = new OutcomeCounters();
  private final DeliveryRunner deliveries;
  private final ExecutorService cpuPool;
  private final AttemptProcessor processor;
  private final @Nullable DelayedDispatcher dispatcher;
  private final HeartbeatLoop heartbeat;
  private final RevocationWatch revocations;
  private final List<QueuePoller> pollers = new CopyOnWriteArrayList<>();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final Object lifecycle = new Object();
  // Guarded by lifecycle.
  private State state = State.NEW;
  private volatile Instant startedAt;

  private Worker(Builder builder) {
    this.config = requireNonNull(builder.config, "config");
    this.broker = requireNonNull(builder.broker, "broker");
    this.store = requireNonNull(builder.store, "store");
    TaskRegistry registry = requireNonNull(builder.registry, "registry");
    this.clock = builder.clock;
    this.meters = builder.meters != null ? builder.meters : new SimpleMeterRegistry();
    this.codec = builder.codec;
    this.startedAt = clock.instant();
    var metrics = new TaskMetrics(meters, config.workerId(), inFlight::size);
    this.cpuPool =
        Executors.newFixedThreadPool(
            config.cpuThreads(), Thread.ofPlatform().name("celeriac-cpu-", 0).factory());
    this.processor =
        AttemptProcessor.builder()
            .registry(registry)
            .store(store)
            .workerId(config.workerId())
            .codec(codec)
            .clock(clock)
            .storeTimeout(config.storeTimeout())
            .interruptGrace(config.interruptGrace())
            .poisonLimit(config.poisonLimit())
            .cpuPool(cpuPool)
            .listener(metrics)
            .build();
    this.dispatcher =
        config.delayedDispatch() == DelayedDispatch.ENABLED
            ? new DelayedDispatcher(
                store,
                broker,
                codec,
                clock,
                new DelayedDispatcher.Settings(
                    config.dispatchBatch(), config.dispatchLease(), config.dispatchMaxWait()))
            : null;
    this.deliveries =
        new DeliveryRunner(
            processor,
            inFlight,
            outcomes,
            metrics,
            dispatcher == null ? () -> {} : dispatcher::wake);
    this.heartbeat =
        new HeartbeatLoop(
            store, this::heartbeatAt, config.heartbeatInterval(), config.storeTimeout(), clock);
    this.revocations =
        new RevocationWatch(
            store,
            processor::runningTaskIds,
            processor::terminate,
            config.revocationCheckInterval());
  }

  /** A builder; {@code config}, {@code registry}, {@code broker} and {@code store} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Subscribes to every configured queue and starts polling, dispatching and beating.
   *
   * @throws IllegalStateException if the worker was started or closed before
   * @throws dev.celeriac.api.spi.BrokerException if the broker refuses a subscription; the worker
   *     is then closed
   */
  public void start() {
    // Held throughout, so a drain from another thread waits until everything it stops exists.
    synchronized (lifecycle) {
      if (state != State.NEW) {
        throw new IllegalStateException("worker " + config.workerId() + " is " + state);
      }
      state = State.RUNNING;
      startedAt = clock.instant();
      try {
        subscribeAll();
      } catch (RuntimeException e) {
        drain(Duration.ZERO);
        throw e;
      }
      pollers.forEach(QueuePoller::start);
      if (dispatcher != null) {
        dispatcher.start();
      }
      heartbeat.start();
      revocations.start();
    }
    log.info(
        "Worker {} started on queues {} with concurrency {} per queue",
        config.workerId(),
        config.queues(),
        config.concurrency());
  }

  private void subscribeAll() {
    var options =
        new ConsumerOptions(config.consumerGroup(), config.concurrency(), config.lockDuration());
    for (String queue : config.queues()) {
      pollers.add(
          new QueuePoller(
              queue,
              broker.subscribe(Set.of(queue), options),
              config.concurrency(),
              config.pollTimeout(),
              deliveries::dispatch));
    }
  }

  /**
   * Stops the worker as {@link #drain} does, with the grace of {@link WorkerConfig#shutdownGrace}.
   */
  @Override
  public void close() {
    drain(config.shutdownGrace());
  }

  /**
   * Stops the worker gracefully and returns once it is {@link State#CLOSED}: stops polling, lets
   * tasks in flight finish for up to {@code grace}, then interrupts the rest, whose deliveries are
   * released for redelivery to another worker (a task that ignores the interrupt is abandoned and
   * counted, and its delivery is given back when the consumer closes). Then closes the consumers,
   * the dispatcher and the heartbeat (with a last beat). Never loses a task.
   *
   * <p>A call while another one drains stops at once: it ends the grace, and returns when the
   * worker is closed. A call on a closed or never started worker returns at once.
   *
   * @return true if every task in flight finished within the grace
   */
  public boolean drain(Duration grace) {
    requireNonNull(grace, "grace");
    State previous;
    synchronized (lifecycle) {
      previous = state;
      switch (state) {
        case NEW -> state = State.CLOSED;
        case RUNNING -> state = State.DRAINING;
        case DRAINING, CLOSED -> {}
      }
    }
    return switch (previous) {
      case NEW -> {
        stopBackground();
        terminate();
        yield true;
      }
      case RUNNING -> stopGracefully(grace);
      case DRAINING -> {
        log.info("Worker {} asked to stop again: interrupting its tasks now", config.workerId());
        inFlight.wakeWaiters();
        awaitTermination();
        yield false;
      }
      case CLOSED -> true;
    };
  }

  private boolean stopGracefully(Duration grace) {
    try {
      return new DrainSequence(
              config.workerId(),
              pollers,
              inFlight,
              config.pollTimeout().plusSeconds(5),
              config.interruptGrace().multipliedBy(2).plusSeconds(1))
          .run(grace);
    } finally {
      stopBackground();
      terminate();
    }
  }

  private void stopBackground() {
    revocations.stop();
    cpuPool.shutdownNow();
    try {
      if (dispatcher != null) {
        dispatcher.stop(config.storeTimeout());
      }
      heartbeat.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void terminate() {
    synchronized (lifecycle) {
      state = State.CLOSED;
    }
    terminated.countDown();
    log.info("Worker {} stopped: {}", config.workerId(), stats());
  }

  private void awaitTermination() {
    try {
      terminated.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits until the worker is {@link State#CLOSED}, at most {@code timeout}.
   *
   * @return true if it is closed
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Where the worker is in its life. */
  public State state() {
    synchronized (lifecycle) {
      return state;
    }
  }

  /** The worker's counts since it started. Cheap; safe from any thread. */
  public WorkerStats stats() {
    return new WorkerStats(
        outcomes.processed(),
        outcomes.get(DeliveryOutcome.SUCCEEDED),
        outcomes.get(DeliveryOutcome.FAILED),
        outcomes.sum(DeliveryOutcome.RETRY_SCHEDULED, DeliveryOutcome.TIMED_OUT),
        outcomes.get(DeliveryOutcome.DEAD),
        outcomes.get(DeliveryOutcome.RELEASED),
        inFlight.size(),
        config.totalConcurrency(),
        processor.abandonedAttempts());
  }

  /** The registry the worker's meters are in (see {@link Builder#meterRegistry}). */
  public MeterRegistry meterRegistry() {
    return meters;
  }

  /** The worker's configuration. */
  public WorkerConfig config() {
    return config;
  }

  private WorkerHeartbeat heartbeatAt(Instant now) {
    WorkerStats stats = stats();
    return new WorkerHeartbeat(
        config.workerId(),
        WorkerConfig.hostName(),
        ProcessHandle.current().pid(),
        config.queues(),
        stats.concurrency(),
        stats.inFlight(),
        stats.processed(),
        stats.failed() + stats.retried(),
        startedAt,
        now);
  }

  /** Collects a {@link Worker}'s configuration and collaborators. Not thread-safe. */
  public static final class Builder {
    private @Nullable WorkerConfig config;
    private @Nullable TaskRegistry registry;
    private @Nullable Broker broker;
    private @Nullable TaskStore store;
    private InstantSource clock = InstantSource.system();
    private @Nullable MeterRegistry meters;
    private TaskMessageCodec codec = new TaskMessageCodec();

    private Builder() {}

    /** How the worker runs. Required. */
    public Builder config(WorkerConfig config) {
      this.config = requireNonNull(config, "config");
      return this;
    }

    /** The tasks it can run. Required. */
    public Builder registry(TaskRegistry registry) {
      this.registry = requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Where deliveries come from and due retries go. Required; the caller owns it and closes it
     * after the worker.
     */
    public Builder broker(Broker broker) {
      this.broker = requireNonNull(broker, "broker");
      return this;
    }

    /**
     * Where outcomes, retries, dead letters and heartbeats are recorded. Required; the caller owns
     * it and closes it after the worker.
     */
    public Builder store(TaskStore store) {
      this.store = requireNonNull(store, "store");
      return this;
    }

    /**
     * Stamps records, decides expiry and etas, and times the dispatcher. Defaults to the system
     * clock. Timeouts and grace periods are waited in real time whatever it says.
     */
    public Builder clock(InstantSource clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where the worker's meters go, typically the process's Prometheus registry. Defaults to a new
     * {@link SimpleMeterRegistry} of the worker's own (read it with {@link
     * Worker#meterRegistry()}): a worker never registers into the global registry by itself, so two
     * workers in one JVM (tests, {@code celeriac dev}) never mix their counts.
     */
    public Builder meterRegistry(MeterRegistry meterRegistry) {
      this.meters = requireNonNull(meterRegistry, "meterRegistry");
      return this;
    }

    /** Decodes deliveries and encodes dispatched retries. Defaults to its default limit. */
    public Builder codec(TaskMessageCodec codec) {
      this.codec = requireNonNull(codec, "codec");
      return this;
    }

    /**
     * The worker, not started.
     *
     * @throws NullPointerException naming the first missing required part
     */
    public Worker build() {
      return new Worker(this);
    }
  }
}
