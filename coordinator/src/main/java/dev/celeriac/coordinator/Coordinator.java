package dev.celeriac.coordinator;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.api.internal.DelayedDispatch;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.MaintenanceStore;
import dev.celeriac.api.spi.ScheduleSource;
import dev.celeriac.api.spi.ScheduleStore;
import dev.celeriac.api.spi.TaskStore;
import dev.celeriac.coordinator.internal.CronScheduler;
import dev.celeriac.coordinator.internal.FirePublisher;
import dev.celeriac.coordinator.internal.LeaderElection;
import dev.celeriac.coordinator.internal.LeaderTerm;
import dev.celeriac.coordinator.internal.Reaper;
import dev.celeriac.coordinator.internal.RetentionSweep;
import dev.celeriac.coordinator.internal.Wakeup;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One coordinator process's participation in the coordinator election (DESIGN.md, Coordinator). Any
 * number may run; ZooKeeper elects one leader, which runs four loops, each on its own thread:
 *
 * <ul>
 *   <li>the cron scheduler: fires due schedules, each {@code (schedule, fire time)} claimed in the
 *       {@link ScheduleStore} before its task is published, and publishes claims an earlier leader
 *       left unpublished;
 *   <li>the delayed dispatcher: moves due delayed tasks to the broker in batches, woken by {@link
 *       TaskStore#onDelayedChange} and by the next due time;
 *   <li>the reaper (when a {@link MaintenanceStore} is given): expires unstarted tasks past their
 *       expiry and marks silent workers lost;
 *   <li>retention: deletes tasks finished longer ago than {@link CoordinatorSettings#retention()}.
 * </ul>
 *
 * <p>Losing leadership (the latch, or the ZooKeeper connection suspended or lost) stops the loops
 * at once; the next leader resumes from the stores' state. Time comes from the injected clock.
 *
 * <p>Lifecycle (STYLE rule 12): {@link #start()} once: it validates and upserts the schedules
 * declared in code, then joins the election. {@link #close()} leaves the election and stops the
 * loops; it is idempotent and safe before {@code start()}. The stores and the broker belong to the
 * caller, who closes them after the coordinator. Thread-safe.
 */
public final class Coordinator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Coordinator.class);
  private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);

  private enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final String id;
  private final TaskStore tasks;
  private final CoordinatorSettings settings;
  private final List<ScheduleSpec> declared;
  private final Wakeup scheduleWakeup = new Wakeup();
  private final Wakeup dispatchWakeup = new Wakeup();
  private final ScheduleManager schedules;
  private final CronScheduler cron;
  private final DelayedDispatch dispatcher;
  private final @Nullable Reaper reaper;
  private final @Nullable RetentionSweep retention;
  private final LeaderElection election;
  private @Nullable AutoCloseable delayedListener;

  private Coordinator(
      Builder b, String zooKeeper, TaskStore tasks, ScheduleStore store, Broker broker) {
    this.id = b.id != null ? b.id : defaultId();
    this.tasks = tasks;
    this.settings = b.settings;
    List<ScheduleSpec> all = new ArrayList<>(b.catalog.declaredSchedules());
    all.addAll(b.declared);
    this.declared = List.copyOf(all);
    var publisher =
        new FirePublisher(
            store, tasks, broker, b.catalog::find, b.clock, settings.publishTimeout());
    this.schedules =
        new ScheduleManager(store, b.catalog, publisher, b.clock, scheduleWakeup::signal);
    this.cron =
        new CronScheduler(
            store,
            publisher,
            b.clock,
            new CronScheduler.Timing(settings.misfireThreshold(), settings.catchUpLimit()));
    this.dispatcher =
        new DelayedDispatch(
            tasks,
            broker,
            new TaskMessageCodec(),
            b.clock,
            new DelayedDispatch.Settings(
                settings.dispatchBatchSize(),
                settings.dispatchLease(),
                settings.publishTimeout(),
                settings.longestDispatchWait()));
    this.reaper =
        b.maintenance == null
            ? null
            : new Reaper(
                b.maintenance,
                b.clock,
                settings.heartbeatTimeout(),
                settings.maintenanceBatchSize());
    this.retention =
        settings.retention() == null
            ? null
            : new RetentionSweep(
                tasks, b.clock, settings.retention(), settings.maintenanceBatchSize());
    this.election =
        new LeaderElection(
            new LeaderElection.Settings(
                zooKeeper,
                settings.electionPath(),
                id,
                settings.sessionTimeout(),
                settings.connectionTimeout()),
            this::newTerm);
  }

  /** A builder; ZooKeeper, the task store, the schedule store and the broker are required. */
  public static Builder builder() {
    return new Builder();
  }

  private static String defaultId() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "unknown-host";
    }
    return host
        + "-"
        + ProcessHandle.current().pid()
        + "-"
        + UUID.randomUUID().toString().substring(0, 4);
  }

  /**
   * Validates and upserts the schedules declared in code, then joins the election. Returns without
   * waiting for leadership.
   *
   * @throws IllegalStateException if already started or closed
   * @throws InvalidScheduleException naming the field of a declared schedule that is invalid; the
   *     coordinator is then closed
   */
  public void start() {
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new IllegalStateException("the coordinator was already " + state.get());
    }
    try {
      for (ScheduleSpec spec : declared) {
        schedules.store(spec, ScheduleSource.CODE);
      }
      delayedListener = tasks.onDelayedChange(dispatchWakeup::signal);
      election.start();
      log.info("coordinator {} joined the election at {}", id, settings.electionPath());
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** This participant's id in the election. */
  public String id() {
    return id;
  }

  /** Whether this coordinator leads now and its loops run. */
  public boolean isLeader() {
    return election.isLeader();
  }

  /** The schedule API; changes made through it wake this coordinator's scheduler at once. */
  public ScheduleManager schedules() {
    return schedules;
  }

  private LeaderTerm newTerm() {
    List<LeaderTerm.Loop> loops = new ArrayList<>();
    loops.add(
        new LeaderTerm.Loop(
            "schedules",
            leading -> {
              cron.step(leading);
              return settings.schedulePollInterval();
            },
            scheduleWakeup,
            ERROR_PAUSE));
    loops.add(
        new LeaderTerm.Loop(
            "delayed",
            leading ->
                dispatcher.dispatchBatch() >= settings.dispatchBatchSize()
                    ? Duration.ZERO
                    : dispatcher.untilNextStep(),
            dispatchWakeup,
            ERROR_PAUSE));
    if (reaper != null) {
      Reaper r = reaper;
      loops.add(
          new LeaderTerm.Loop(
              "reaper",
              leading -> {
                r.step(leading);
                return settings.reaperInterval();
              },
              new Wakeup(),
              settings.reaperInterval()));
    }
    if (retention != null) {
      RetentionSweep sweep = retention;
      loops.add(
          new LeaderTerm.Loop(
              "retention",
              leading -> {
                sweep.step(leading);
                return settings.retentionInterval();
              },
              new Wakeup(),
              settings.retentionInterval()));
    }
    return new LeaderTerm(loops);
  }

  /** Leaves the election and stops the loops. Idempotent; safe before {@link #start()}. */
  @Override
  public void close() {
    if (state.getAndSet(State.CLOSED) != State.RUNNING) {
      return;
    }
    election.close();
    if (delayedListener != null) {
      try {
        delayedListener.close();
      } catch (Exception e) {
        log.warn("unregistering the delayed-change listener failed", e);
      }
    }
    log.info("coordinator {} closed", id);
  }

  /** Builds a {@link Coordinator}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String zooKeeper;
    private @Nullable TaskStore taskStore;
    private @Nullable ScheduleStore scheduleStore;
    private @Nullable MaintenanceStore maintenance;
    private @Nullable Broker broker;
    private TaskCatalog catalog = TaskCatalog.of();
    private final List<ScheduleSpec> declared = new ArrayList<>();
    private InstantSource clock = InstantSource.system();
    private CoordinatorSettings settings = CoordinatorSettings.defaults();
    private @Nullable String id;

    private Builder() {}

    /** The ZooKeeper connect string, e.g. {@code zk1:2181,zk2:2181}. Required. */
    public Builder zooKeeper(String connectString) {
      requireNonNull(connectString, "connectString");
      if (connectString.isBlank()) {
        throw new IllegalArgumentException("the ZooKeeper connect string must not be blank");
      }
      this.zooKeeper = connectString;
      return this;
    }

    /** The task store: delayed tasks, submissions of fires, retention. Required. */
    public Builder taskStore(TaskStore value) {
      this.taskStore = requireNonNull(value, "taskStore");
      return this;
    }

    /** The schedule store. Required. */
    public Builder scheduleStore(ScheduleStore value) {
      this.scheduleStore = requireNonNull(value, "scheduleStore");
      return this;
    }

    /** The store the reaper works on; without one the reaper does not run. */
    public Builder maintenanceStore(MaintenanceStore value) {
      this.maintenance = requireNonNull(value, "maintenanceStore");
      return this;
    }

    /** The broker fires and delayed tasks are published to. Required. */
    public Builder broker(Broker value) {
      this.broker = requireNonNull(value, "broker");
      return this;
    }

    /**
     * The known tasks; schedules may only name these, and their {@code @Scheduled} schedules are
     * upserted at start. Defaults to none.
     */
    public Builder tasks(TaskCatalog value) {
      this.catalog = requireNonNull(value, "tasks");
      return this;
    }

    /** A further schedule declared in code, upserted (validated) at start. */
    public Builder schedule(ScheduleSpec spec) {
      declared.add(requireNonNull(spec, "spec"));
      return this;
    }

    /** The clock of schedules, dispatch, expiry and retention; defaults to the system clock. */
    public Builder clock(InstantSource value) {
      this.clock = requireNonNull(value, "clock");
      return this;
    }

    /** Timings and batch sizes; defaults to {@link CoordinatorSettings#defaults()}. */
    public Builder settings(CoordinatorSettings value) {
      this.settings = requireNonNull(value, "settings");
      return this;
    }

    /** This participant's id in the election; defaults to host, pid and a random suffix. */
    public Builder id(String value) {
      this.id = requireNonNull(value, "id");
      return this;
    }

    /**
     * The coordinator, not started.
     *
     * @throws IllegalStateException naming a required component that was not set
     */
    public Coordinator build() {
      return new Coordinator(
          this,
          required(zooKeeper, "zooKeeper"),
          required(taskStore, "taskStore"),
          required(scheduleStore, "scheduleStore"),
          required(broker, "broker"));
    }

    private static <T> T required(@Nullable T value, String name) {
      if (value == null) {
        throw new IllegalStateException(name + " is required");
      }
      return value;
    }
  }
}
