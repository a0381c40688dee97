package dev.celeriac.testkit;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.TaskClient;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.ConsumerOptions;
import dev.celeriac.api.spi.Delivery;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.testing.InMemoryBroker;
import dev.celeriac.testing.InMemoryTaskStore;
import dev.celeriac.testing.ManualClock;
import dev.celeriac.worker.AttemptProcessor;
import dev.celeriac.worker.DeliveryOutcome;
import dev.celeriac.worker.TaskRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Runs your tasks in a unit test with no server: an in-memory broker and store, a manual clock, the
 * real client, and the real worker core driven synchronously by {@link #drain()}.
 *
 * <pre>{@code
 * var kit = CeleriacTestKit.builder().register(new Emails()).build();
 * TaskHandle<Void> handle = kit.client().submit(Emails::send, "a@b.c", "hi");
 * kit.drain();                                   // runs everything due, on this thread
 * assertThat(handle.state()).isEqualTo(TaskState.SUCCEEDED);
 * kit.clock().advance(Duration.ofMinutes(1));    // retries and etas become due
 * kit.drain();
 * }</pre>
 *
 * <p>Time only moves when the test moves the {@link #clock()}: retries wait for their backoff and
 * tasks with an eta for their eta, exactly as in production. A task's timeout is enforced on real
 * time. Not thread-safe: drive a kit from one test thread.
 */
public final class CeleriacTestKit implements AutoCloseable {
  private static final String WORKER_ID = "test-kit";
  private static final String DEFAULT_QUEUE = "default";
  private static final int BATCH = 100;
  private static final Duration CLAIM_LEASE = Duration.ofMinutes(5);

  private final ManualClock clock;
  private final InMemoryBroker broker = new InMemoryBroker();
  private final InMemoryTaskStore store;
  private final TaskRegistry registry;
  private final TaskClient client;
  private final AttemptProcessor processor;
  private final TaskMessageCodec codec = new TaskMessageCodec();
  private final BrokerConsumer consumer;
  private final Map<DeliveryOutcome, Integer> outcomes = new EnumMap<>(DeliveryOutcome.class);

  private CeleriacTestKit(ManualClock clock, TaskRegistry registry, long seed) {
    this.clock = clock;
    this.registry = registry;
    this.store = new InMemoryTaskStore(clock);
    this.client =
        TaskClient.builder().broker(broker).store(store).clock(clock).codec(codec).build();
    this.processor =
        AttemptProcessor.builder()
            .registry(registry)
            .store(store)
            .workerId(WORKER_ID)
            .codec(codec)
            .clock(clock)
            .random(new SplittableRandom(seed))
            .build();
    Set<String> queues = new HashSet<>(registry.queues());
    queues.add(DEFAULT_QUEUE); // where submissions by name go unless they name a queue
    this.consumer = broker.subscribe(queues, ConsumerOptions.defaults(BATCH));
  }

  /** A builder; register at least one task object or class. */
  public static Builder builder() {
    return new Builder();
  }

  /** The client to submit with, wired to this kit's broker, store and clock. */
  public TaskClient client() {
    return client;
  }

  /** The clock everything in the kit reads; advance it to make retries and etas due. */
  public ManualClock clock() {
    return clock;
  }

  /** The broker, to inspect queues and dead letters. */
  public InMemoryBroker broker() {
    return broker;
  }

  /** The store, to inspect task records and attempts. */
  public InMemoryTaskStore store() {
    return store;
  }

  /** The registry built from the registered tasks. */
  public TaskRegistry registry() {
    return registry;
  }

  /**
   * Runs everything that is due now, on the calling thread, until nothing is left: delayed tasks
   * whose eta has come are published, then every queued delivery is processed, and again, until a
   * round finds no work. Tasks scheduled for later (a retry's backoff, an eta) stay until the clock
   * is advanced.
   *
   * @return how many deliveries were processed
   */
  public int drain() {
    int processed = 0;
    while (true) {
      int moved = publishDueDelayedTasks();
      List<Delivery> deliveries = consumer.poll(BATCH, Duration.ZERO);
      for (Delivery delivery : deliveries) {
        outcomes.merge(processor.process(delivery), 1, Integer::sum);
        processed++;
      }
      if (moved == 0 && deliveries.isEmpty()) {
        return processed;
      }
    }
  }

  /** How many deliveries ended with {@code outcome} in all drains so far. */
  public int count(DeliveryOutcome outcome) {
    return outcomes.getOrDefault(outcome, 0);
  }

  private int publishDueDelayedTasks() {
    List<TaskMessage> due = store.claimDue(clock.instant(), BATCH, CLAIM_LEASE);
    List<TaskId> published = new ArrayList<>();
    for (TaskMessage message : due) {
      var outbound = OutboundMessage.of(message, codec.encode(message));
      broker.publish(outbound).join();
      published.add(message.id());
    }
    store.removeDelayed(published);
    return due.size();
  }

  /** Closes the consumer, client, broker and store. Idempotent. */
  @Override
  public void close() {
    consumer.close();
    client.close();
    broker.close();
    store.close();
  }

  /** Builds a {@link CeleriacTestKit}; not thread-safe. */
  public static final class Builder {
    private final TaskRegistry.Builder registry = TaskRegistry.builder();
    private ManualClock clock = new ManualClock();
    private long seed = 42;
    private boolean anyTask;

    private Builder() {}

    /** Registers the {@code @Task} methods of {@code taskObject}. */
    public Builder register(Object taskObject) {
      registry.register(requireNonNull(taskObject, "taskObject"));
      anyTask = true;
      return this;
    }

    /** Registers the {@code @Task} methods of a class with a public no-argument constructor. */
    public Builder register(Class<?> taskClass) {
      registry.register(requireNonNull(taskClass, "taskClass"));
      anyTask = true;
      return this;
    }

    /** The clock to use. Defaults to a {@link ManualClock} at {@link ManualClock#DEFAULT_START}. */
    public Builder clock(ManualClock value) {
      this.clock = requireNonNull(value, "value");
      return this;
    }

    /** The seed of the retry jitter, for repeatable backoffs. Defaults to 42. */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * The kit.
     *
     * @throws IllegalStateException if no task was registered
     */
    public CeleriacTestKit build() {
      if (!anyTask) {
        throw new IllegalStateException("register at least one task object or class");
      }
      return new CeleriacTestKit(clock, registry.build(), seed);
    }
  }

  @Override
  public String toString() {
    return "CeleriacTestKit{queues=" + Set.copyOf(registry.queues()) + ", clock=" + clock + "}";
  }
}
