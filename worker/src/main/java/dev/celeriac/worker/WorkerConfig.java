package dev.celeriac.worker;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.spi.ConsumerOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a {@link Worker} runs: which queues it consumes, how many tasks it runs at once, how it stops
 * and what it reports. Immutable; every field is validated here. Build one with {@link
 * #builder(String...)}, which documents each default.
 *
 * @param workerId the id recorded with each attempt and heartbeat
 * @param queues the queues to consume, at least one
 * @param concurrency how many deliveries of each queue may be in flight at once
 * @param cpuThreads how many platform threads run {@code cpuBound} tasks
 * @param pollTimeout how long one poll of the broker waits for a first message
 * @param poisonLimit how many deliveries of one message are allowed before it is dead-lettered
 * @param shutdownGrace how long {@link Worker#close()} lets in-flight tasks finish
 * @param interruptGrace how long an interrupted task may take to stop before it is abandoned
 * @param storeTimeout how long to wait for one store commit or broker settlement
 * @param heartbeatInterval how often the worker records its heartbeat
 * @param revocationCheckInterval how often the worker asks the store whether a task it runs was
 *     revoked with terminate
 * @param delayedDispatch whether the worker dispatches due delayed tasks itself
 * @param dispatchBatch how many due tasks the dispatcher claims at once
 * @param dispatchLease how long a claimed due task stays invisible to other dispatchers
 * @param dispatchMaxWait the longest the dispatcher sleeps between looks at the store
 * @param consumerGroup the broker consumer group the worker joins
 * @param lockDuration how long the broker keeps a delivery invisible to other consumers
 */
public record WorkerConfig(
    String workerId,
    Set<String> queues,
    int concurrency,
    int cpuThreads,
    Duration pollTimeout,
    int poisonLimit,
    Duration shutdownGrace,
    Duration interruptGrace,
    Duration storeTimeout,
    Duration heartbeatInterval,
    Duration revocationCheckInterval,
    DelayedDispatch delayedDispatch,
    int dispatchBatch,
    Duration dispatchLease,
    Duration dispatchMaxWait,
    String consumerGroup,
    Duration lockDuration) {

  /** The default concurrency per queue: {@value}. */
  public static final int DEFAULT_CONCURRENCY = 1000;

  /** Validates every field; each violation names the field and its value. */
  public WorkerConfig {
    requireNonNull(workerId, "workerId");
    requireNonNull(delayedDispatch, "delayedDispatch");
    requireNonNull(consumerGroup, "consumerGroup");
    if (workerId.isBlank()) {
      throw new IllegalArgumentException("workerId must not be blank");
    }
    queues = Set.copyOf(new TreeSet<>(requireNonNull(queues, "queues")));
    if (queues.isEmpty()) {
      throw new IllegalArgumentException("queues must name at least one queue");
    }
    for (String queue : queues) {
      if (queue.isBlank()) {
        throw new IllegalArgumentException("queues must not contain a blank name: " + queues);
      }
    }
    atLeastOne(concurrency, "concurrency");
    atLeastOne(cpuThreads, "cpuThreads");
    atLeastOne(poisonLimit, "poisonLimit");
    atLeastOne(dispatchBatch, "dispatchBatch");
    positive(pollTimeout, "pollTimeout");
    notNegative(shutdownGrace, "shutdownGrace");
    positive(interruptGrace, "interruptGrace");
    positive(storeTimeout, "storeTimeout");
    positive(heartbeatInterval, "heartbeatInterval");
    positive(revocationCheckInterval, "revocationCheckInterval");
    positive(dispatchLease, "dispatchLease");
    positive(dispatchMaxWait, "dispatchMaxWait");
    positive(lockDuration, "lockDuration");
  }

  /** A builder for a worker of {@code queues}, with every other field at its default. */
  public static Builder builder(String... queues) {
    return new Builder(Set.of(queues));
  }

  /** A builder for a worker of {@code queues}, with every other field at its default. */
  public static Builder builder(Set<String> queues) {
    return new Builder(queues);
  }

  /** How many deliveries may be in flight over all queues: concurrency times queues. */
  public int totalConcurrency() {
    return concurrency * queues.size();
  }

  private static void atLeastOne(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, was " + value);
    }
  }

  private static void positive(Duration value, String name) {
    requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  private static void notNegative(Duration value, String name) {
    requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
  }

  /** Collects a {@link WorkerConfig}; the record validates on {@link #build()}. Not thread-safe. */
  public static final class Builder {
    private final Set<String> queues;
    private String workerId = defaultWorkerId();
    private int concurrency = DEFAULT_CONCURRENCY;
    private int cpuThreads = Runtime.getRuntime().availableProcessors();
    private Duration pollTimeout = Duration.ofSeconds(1);
    private int poisonLimit = AttemptProcessor.DEFAULT_POISON_LIMIT;
    private Duration shutdownGrace = Duration.ofSeconds(30);
    private Duration interruptGrace = Duration.ofSeconds(1);
    private Duration storeTimeout = Duration.ofSeconds(30);
    private Duration heartbeatInterval = Duration.ofSeconds(5);
    private Duration revocationCheckInterval = Duration.ofSeconds(1);
    private DelayedDispatch delayedDispatch = DelayedDispatch.ENABLED;
    private int dispatchBatch = 100;
    private Duration dispatchLease = Duration.ofSeconds(30);
    private Duration dispatchMaxWait = Duration.ofSeconds(1);
    private String consumerGroup = ConsumerOptions.DEFAULT_GROUP;
    private Duration lockDuration = Duration.ofSeconds(30);

    private Builder(Set<String> queues) {
      this.queues = Set.copyOf(requireNonNull(queues, "queues"));
    }

    /** The worker's id. Defaults to {@code host-pid}. */
    public Builder workerId(String workerId) {
      this.workerId = workerId;
      return this;
    }

    /** Deliveries in flight per queue. Defaults to {@value WorkerConfig#DEFAULT_CONCURRENCY}. */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /** Platform threads for {@code cpuBound} tasks. Defaults to the number of cores. */
    public Builder cpuThreads(int cpuThreads) {
      this.cpuThreads = cpuThreads;
      return this;
    }

    /** How long one poll waits for a first message. Defaults to 1 s. */
    public Builder pollTimeout(Duration pollTimeout) {
      this.pollTimeout = pollTimeout;
      return this;
    }

    /**
     * Deliveries of one message allowed before it is dead-lettered as poison. Defaults to {@value
     * AttemptProcessor#DEFAULT_POISON_LIMIT}.
     */
    public Builder poisonLimit(int poisonLimit) {
      this.poisonLimit = poisonLimit;
      return this;
    }

    /** How long {@link Worker#close()} lets in-flight tasks finish. Defaults to 30 s. */
    public Builder shutdownGrace(Duration shutdownGrace) {
      this.shutdownGrace = shutdownGrace;
      return this;
    }

    /** How long an interrupted task may take to stop before it is abandoned. Defaults to 1 s. */
    public Builder interruptGrace(Duration interruptGrace) {
      this.interruptGrace = interruptGrace;
      return this;
    }

    /** How long to wait for one store commit or broker settlement. Defaults to 30 s. */
    public Builder storeTimeout(Duration storeTimeout) {
      this.storeTimeout = storeTimeout;
      return this;
    }

    /** How often the worker records its heartbeat. Defaults to 5 s. */
    public Builder heartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = heartbeatInterval;
      return this;
    }

    /**
     * How often the worker asks the store, in one read for all the tasks it runs, whether one was
     * revoked with {@link dev.celeriac.api.RevokeMode#TERMINATE}; it bounds how long such a task
     * goes on running. Defaults to 1 s.
     */
    public Builder revocationCheckInterval(Duration revocationCheckInterval) {
      this.revocationCheckInterval = revocationCheckInterval;
      return this;
    }

    /** Whether the worker dispatches due delayed tasks. Defaults to {@code ENABLED}. */
    public Builder delayedDispatch(DelayedDispatch delayedDispatch) {
      this.delayedDispatch = delayedDispatch;
      return this;
    }

    /** Due tasks claimed at once by the dispatcher. Defaults to 100. */
    public Builder dispatchBatch(int dispatchBatch) {
      this.dispatchBatch = dispatchBatch;
      return this;
    }

    /** How long a claimed due task stays invisible to other dispatchers. Defaults to 30 s. */
    public Builder dispatchLease(Duration dispatchLease) {
      this.dispatchLease = dispatchLease;
      return this;
    }

    /**
     * The longest the dispatcher sleeps between looks at the store, a safety net: it normally wakes
     * at the next due time, or when this worker schedules a retry. Defaults to 1 s.
     */
    public Builder dispatchMaxWait(Duration dispatchMaxWait) {
      this.dispatchMaxWait = dispatchMaxWait;
      return this;
    }

    /** The broker consumer group. Defaults to {@value ConsumerOptions#DEFAULT_GROUP}. */
    public Builder consumerGroup(String consumerGroup) {
      this.consumerGroup = consumerGroup;
      return this;
    }

    /**
     * How long the broker keeps a delivery invisible to other consumers, where it has such locks;
     * at least the longest task timeout. Defaults to 30 s.
     */
    public Builder lockDuration(Duration lockDuration) {
      this.lockDuration = lockDuration;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException naming the first invalid field
     * @throws NullPointerException naming the first missing field
     */
    public WorkerConfig build() {
      return new WorkerConfig(
          workerId,
          queues,
          concurrency,
          cpuThreads,
          pollTimeout,
          poisonLimit,
          shutdownGrace,
          interruptGrace,
          storeTimeout,
          heartbeatInterval,
          revocationCheckInterval,
          delayedDispatch,
          dispatchBatch,
          dispatchLease,
          dispatchMaxWait,
          consumerGroup,
          lockDuration);
    }

    private static String defaultWorkerId() {
      return hostName() + "-" + ProcessHandle.current().pid();
    }
  }

  /** This machine's host name, or {@code localhost} if it cannot be resolved. */
  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
