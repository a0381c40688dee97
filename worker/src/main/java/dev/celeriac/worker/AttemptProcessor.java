package dev.celeriac.worker;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.MalformedMessageException;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.internal.JsonMappers;
import dev.celeriac.api.spi.DeadLetter;
import dev.celeriac.api.spi.Delivery;
import dev.celeriac.api.spi.FinishResult;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.api.spi.TaskCompletion;
import dev.celeriac.api.spi.TaskStore;
import dev.celeriac.worker.internal.AttemptResult;
import dev.celeriac.worker.internal.AttemptRunner;
import dev.celeriac.worker.internal.CompletionPolicy;
import dev.celeriac.worker.internal.DeliverySettler;
import dev.celeriac.worker.internal.RetryDecider;
import dev.celeriac.worker.internal.RunningAttempts;
import dev.celeriac.worker.internal.StoreWriteFailedException;
import dev.celeriac.worker.internal.StoreWrites;
import dev.celeriac.worker.internal.TimeoutRunner;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole life of one delivery on the calling thread and settles it (DESIGN.md, Flow 4–7):
 * stop poison messages, decode the envelope, skip expired messages, put early ones back in the
 * delayed table, look up the task, decode its arguments, record the start, run the method (with its
 * timeout), record the result, the retry or the failure, and only after that commit acknowledge the
 * delivery. Messages that can never run (delivered more often than the poison limit, undecodable,
 * unknown task, bad arguments) are recorded as dead letters and then rejected; when a store write
 * fails the delivery is released for redelivery, so no task is lost.
 *
 * <p>The task body runs on a thread of its own (a new virtual thread, or the CPU pool for {@code
 * cpuBound} tasks) while the calling thread waits for it. Interrupting the calling thread is how a
 * stopping worker gives a delivery back: the body is interrupted too, and the delivery is released
 * for redelivery ({@link DeliveryOutcome#RELEASED}) rather than recorded as a failure.
 *
 * <p>Thread-safe: {@link #process} may be called from many threads at once, if the random generator
 * is thread-safe (the default is).
 */
public final class AttemptProcessor {
  /** How many deliveries of one message are allowed unless configured otherwise: {@value}. */
  public static final int DEFAULT_POISON_LIMIT = 5;

  /** How long a delivery is held after a store write failed, unless configured otherwise. */
  public static final Duration DEFAULT_STORE_FAILURE_PAUSE = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(AttemptProcessor.class);

  private final TaskRegistry registry;
  private final TaskMessageCodec codec;
  private final InstantSource clock;
  private final String workerId;
  private final StoreWrites store;
  private final DeliverySettler settler;
  private final RunningAttempts running = new RunningAttempts();
  private final TimeoutRunner timeouts;
  private final AttemptRunner runner;
  private final CompletionPolicy completions;
  private final int poisonLimit;
  private final AttemptListener listener;
  private final Duration storeFailurePause;

  private AttemptProcessor(Builder builder) {
    this.registry = requireNonNull(builder.registry, "registry");
    this.workerId = requireNonNull(builder.workerId, "workerId");
    this.codec = builder.codec;
    this.clock = builder.clock;
    this.store = new StoreWrites(requireNonNull(builder.store, "store"), builder.storeTimeout);
    this.settler = new DeliverySettler(builder.storeTimeout);
    this.timeouts = new TimeoutRunner(builder.interruptGrace, running);
    this.runner = new AttemptRunner(timeouts, builder.cpuPool);
    this.poisonLimit = builder.poisonLimit;
    this.listener = builder.listener;
    this.storeFailurePause = builder.storeFailurePause;
    this.completions =
        new CompletionPolicy(JsonMappers.standard(), new RetryDecider(builder.random));
  }

  /** A builder; {@code registry}, {@code store} and {@code workerId} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs and settles {@code delivery}, blocking until its outcome is committed and the broker has
   * taken the settlement (each wait bounded by the store timeout). Never throws for a problem with
   * the message, the task or the store: those become the returned outcome. A settlement the broker
   * fails is logged; the broker then redelivers and the stored state makes the rerun a no-op.
   *
   * @return what happened, for callers that count
   */
  public DeliveryOutcome process(Delivery delivery) {
    try {
      return decodeAndRun(delivery);
    } catch (StoreWriteFailedException e) {
      log.warn("Releasing the delivery of task {}: {}", delivery.taskId(), e.getMessage(), e);
      holdWhileTheStoreRecovers();
    } catch (RuntimeException e) {
      log.error("Releasing the delivery of task {} after an error", delivery.taskId(), e);
    }
    settler.release(delivery);
    return DeliveryOutcome.RELEASED;
  }

  // Every release counts as a delivery towards the broker's limit (RabbitMQ's x-delivery-limit,
  // Kafka's delivery count), and the broker redelivers at once: released straight away, a message
  // would burn through the limit within a second of a database restart and be dead-lettered by the
  // broker without any record in the store (issue 9's fault ledger lost a task that way).
  private void holdWhileTheStoreRecovers() {
    try {
      Thread.sleep(storeFailurePause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stopping: release now
    }
  }

  private DeliveryOutcome decodeAndRun(Delivery delivery) {
    if (delivery.deliveryCount() > poisonLimit) {
      return deadLetter(delivery, delivery.taskId(), poison(delivery));
    }
    TaskMessage message;
    try {
      message = codec.decode(delivery.body());
    } catch (MalformedMessageException e) {
      return deadLetter(
          delivery,
          delivery.taskId(),
          FailureInfo.reason(FailureReasons.MALFORMED_MESSAGE, e.getMessage()));
    }
    Instant now = clock.instant();
    if (message.isExpiredAt(now)) {
      return finish(delivery, expired(message, now), DeliveryOutcome.EXPIRED);
    }
    if (message.isDueLaterThan(now)) {
      return reschedule(delivery, message);
    }
    Optional<RegisteredTask> task = registry.find(message.task());
    if (task.isEmpty()) {
      return deadLetter(delivery, message.id(), unknownTask(message));
    }
    List<@Nullable Object> args;
    try {
      args = task.get().invoker().decodeArguments(message.args());
    } catch (BadArgumentsException e) {
      return deadLetter(
          delivery, message.id(), FailureInfo.reason(FailureReasons.BAD_ARGUMENTS, e.getMessage()));
    }
    return start(delivery, message, task.get(), args);
  }

  private DeliveryOutcome start(
      Delivery delivery, TaskMessage message, RegisteredTask task, List<@Nullable Object> args) {
    Instant startedAt = clock.instant();
    TaskState state = store.recordStarted(message, workerId, startedAt);
    if (state.isTerminal()) {
      log.debug("Task {} is already {}; acknowledging without running", message.id(), state);
      settler.ack(delivery);
      return DeliveryOutcome.SKIPPED_ALREADY_FINISHED;
    }
    notify(() -> listener.attemptStarted(message, startedAt));
    long bodyStart = System.nanoTime();
    AttemptResult result = runner.run(task.invoker(), task.definition(), message, args, startedAt);
    Duration duration = Duration.ofNanos(System.nanoTime() - bodyStart);
    if (result instanceof AttemptResult.Interrupted) {
      log.info("Interrupted while task {} ran; releasing it for redelivery", message.id());
      settler.release(delivery);
      notify(() -> listener.attemptFinished(message, DeliveryOutcome.RELEASED, duration));
      return DeliveryOutcome.RELEASED;
    }
    TaskCompletion completion =
        completions.completionOf(message, task.definition(), result, clock.instant(), workerId);
    DeliveryOutcome outcome =
        result instanceof AttemptResult.Revoked
            ? revoked(delivery, completion)
            : finish(delivery, completion, outcomeOf(completion.state()));
    notify(() -> listener.attemptFinished(message, outcome, duration));
    return outcome;
  }

  // A broker may deliver a message before its eta (a retry published early, a client that
  // bypassed the delayed table); running it early would break the backoff, so it waits again.
  private DeliveryOutcome reschedule(Delivery delivery, TaskMessage message) {
    log.debug("Task {} is due at {}; back to the delayed table", message.id(), message.eta());
    store.schedule(message);
    settler.ack(delivery);
    return DeliveryOutcome.RESCHEDULED;
  }

  private static void notify(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("An attempt listener failed; ignoring it", e);
    }
  }

  // Ack only after the commit: a crash in between redelivers, and the stored terminal state makes
  // the rerun a no-op (exactly one result record per task id).
  private DeliveryOutcome finish(
      Delivery delivery, TaskCompletion completion, DeliveryOutcome outcome) {
    FinishResult result = store.recordFinished(completion);
    settler.ack(delivery);
    return result.applied() ? outcome : DeliveryOutcome.SKIPPED_ALREADY_FINISHED;
  }

  // The revocation already made the task REVOKED in the store; this only ends the attempt in its
  // history (the finish itself does not apply), then acknowledges, so nothing retries it.
  private DeliveryOutcome revoked(Delivery delivery, TaskCompletion completion) {
    log.info("Task {} was revoked with terminate; its attempt was stopped", completion.id());
    store.recordFinished(completion);
    settler.ack(delivery);
    return DeliveryOutcome.REVOKED;
  }

  private DeliveryOutcome deadLetter(
      Delivery delivery, @Nullable TaskId taskId, FailureInfo reason) {
    log.warn("Dead-lettering a message from queue {}: {}", delivery.queue(), reason.summary());
    store.recordDead(
        new DeadLetter(
            taskId,
            delivery.queue(),
            delivery.body(),
            reason,
            delivery.deliveryCount(),
            clock.instant()));
    settler.reject(delivery);
    return DeliveryOutcome.DEAD;
  }

  private FailureInfo poison(Delivery delivery) {
    return FailureInfo.reason(
        FailureReasons.POISON_MESSAGE,
        "delivered "
            + delivery.deliveryCount()
            + " times, more than the poison limit of "
            + poisonLimit
            + " (message from queue '"
            + delivery.queue()
            + "', task '"
            + delivery.headers().getOrDefault(OutboundMessage.TASK_HEADER, "?")
            + "')");
  }

  private TaskCompletion expired(TaskMessage message, Instant now) {
    var reason =
        FailureInfo.reason(
            FailureReasons.EXPIRED,
            "task '" + message.task() + "' expired at " + message.expires() + ", before " + now);
    return TaskCompletion.failed(
        message.id(), message.attempt(), TaskState.EXPIRED, reason, now, workerId, null);
  }

  private FailureInfo unknownTask(TaskMessage message) {
    return FailureInfo.reason(
        FailureReasons.UNKNOWN_TASK,
        "no task named '"
            + message.task()
            + "' is registered on worker "
            + workerId
            + " (message from queue '"
            + message.queue()
            + "')");
  }

  private static DeliveryOutcome outcomeOf(TaskState state) {
    return switch (state) {
      case SUCCEEDED -> DeliveryOutcome.SUCCEEDED;
      case RETRYING -> DeliveryOutcome.RETRY_SCHEDULED;
      case TIMED_OUT -> DeliveryOutcome.TIMED_OUT;
      case FAILED -> DeliveryOutcome.FAILED;
      case EXPIRED -> DeliveryOutcome.EXPIRED;
      case PENDING, SCHEDULED, STARTED, REVOKED, DEAD ->
          throw new IllegalStateException("an attempt does not end in " + state);
    };
  }

  /**
   * The ids of the tasks whose bodies run now in {@link #process} calls, for a check of which were
   * revoked with terminate.
   */
  public Set<TaskId> runningTaskIds() {
    return running.ids();
  }

  /**
   * Stops the running attempts of {@code revoked}, tasks the store says were revoked with {@link
   * dev.celeriac.api.RevokeMode#TERMINATE}: each body is interrupted, its context cancelled, and
   * its {@link #process} call records the attempt as revoked, acknowledges the delivery and returns
   * {@link DeliveryOutcome#REVOKED}. Ids not running here are ignored. Callable from any thread.
   *
   * @return how many attempts were told to stop
   */
  public int terminate(Collection<TaskId> revoked) {
    return running.terminate(revoked);
  }

  /**
   * How many attempts ignored the interrupt at their timeout or termination and were abandoned,
   * still running, since this processor was built.
   */
  public long abandonedAttempts() {
    return timeouts.abandonedCount();
  }

  /** Collects an {@link AttemptProcessor}'s collaborators. Not thread-safe. */
  public static final class Builder {
    private @Nullable TaskRegistry registry;
    private @Nullable TaskStore store;
    private @Nullable String workerId;
    private TaskMessageCodec codec = new TaskMessageCodec();
    private InstantSource clock = InstantSource.system();
    // ThreadLocalRandom must be looked up on the thread that uses it, or every new thread would
    // start from the same seed and jitter nothing.
    private RandomGenerator random = () -> ThreadLocalRandom.current().nextLong();
    private Duration storeTimeout = Duration.ofSeconds(30);
    private Duration interruptGrace = Duration.ofSeconds(1);
    private int poisonLimit = DEFAULT_POISON_LIMIT;
    private @Nullable Executor cpuPool;
    private AttemptListener listener = AttemptListener.NONE;
    private Duration storeFailurePause = DEFAULT_STORE_FAILURE_PAUSE;

    private Builder() {}

    /** The tasks it can run. Required. */
    public Builder registry(TaskRegistry registry) {
      this.registry = requireNonNull(registry, "registry");
      return this;
    }

    /** Where starts, results, retries and dead letters are recorded. Required. */
    public Builder store(TaskStore store) {
      this.store = requireNonNull(store, "store");
      return this;
    }

    /** The id recorded with each attempt, such as {@code host-pid}. Required, not blank. */
    public Builder workerId(String workerId) {
      requireNonNull(workerId, "workerId");
      if (workerId.isBlank()) {
        throw new IllegalArgumentException("workerId must not be blank");
      }
      this.workerId = workerId;
      return this;
    }

    /** Decodes message bodies. Defaults to a {@link TaskMessageCodec} with its default limit. */
    public Builder codec(TaskMessageCodec codec) {
      this.codec = requireNonNull(codec, "codec");
      return this;
    }

    /**
     * Stamps starts, ends and retry etas, and decides expiry. Defaults to the system clock.
     * Timeouts are waited for in real time whatever this clock says.
     */
    public Builder clock(InstantSource clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Jitters retry backoffs; must be thread-safe if {@code process} runs on several threads.
     * Defaults to the calling thread's {@link ThreadLocalRandom}.
     */
    public Builder random(RandomGenerator random) {
      this.random = requireNonNull(random, "random");
      return this;
    }

    /**
     * How long to wait for a store commit or a broker settlement before treating it as failed.
     * Defaults to 30 s.
     */
    public Builder storeTimeout(Duration storeTimeout) {
      this.storeTimeout = positive(storeTimeout, "storeTimeout");
      return this;
    }

    /**
     * How long an attempt interrupted at its timeout may take to stop before it is abandoned and
     * counted. Defaults to 1 s.
     */
    public Builder interruptGrace(Duration interruptGrace) {
      this.interruptGrace = positive(interruptGrace, "interruptGrace");
      return this;
    }

    /**
     * How many deliveries of one message are allowed: a message delivered more often (each earlier
     * delivery ended unsettled, by a crash, a kill or a release) is recorded dead with reason
     * {@link FailureReasons#POISON_MESSAGE} and rejected instead of run. Defaults to {@value
     * AttemptProcessor#DEFAULT_POISON_LIMIT}.
     *
     * @throws IllegalArgumentException if {@code poisonLimit} is less than 1
     */
    public Builder poisonLimit(int poisonLimit) {
      if (poisonLimit < 1) {
        throw new IllegalArgumentException("poisonLimit must be >= 1, was " + poisonLimit);
      }
      this.poisonLimit = poisonLimit;
      return this;
    }

    /**
     * Where the bodies of {@code cpuBound} tasks run, typically a fixed pool of platform threads
     * sized to the cores; the caller owns and shuts it down. Defaults to none: they run on virtual
     * threads like the other tasks. A timeout counts from when the body is handed to the pool.
     */
    public Builder cpuPool(Executor cpuPool) {
      this.cpuPool = requireNonNull(cpuPool, "cpuPool");
      return this;
    }

    /**
     * How long a delivery is held after a store write failed before it is released for redelivery,
     * so that a store outage of a few seconds does not use up the broker's delivery limit (each
     * release counts as a delivery). An interrupt ends the wait at once. Defaults to 1 s.
     */
    public Builder storeFailurePause(Duration storeFailurePause) {
      this.storeFailurePause = positive(storeFailurePause, "storeFailurePause");
      return this;
    }

    /** Hears about started and finished attempts. Defaults to {@link AttemptListener#NONE}. */
    public Builder listener(AttemptListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The processor.
     *
     * @throws NullPointerException naming the first missing required collaborator
     */
    public AttemptProcessor build() {
      return new AttemptProcessor(this);
    }

    private static Duration positive(Duration value, String name) {
      requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }
  }
}
