package dev.celeriac.worker;

import static org.awaitility.Awaitility.await;

import dev.celeriac.api.TaskClient;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.api.spi.TaskRecord;
import dev.celeriac.testing.InMemoryBroker;
import dev.celeriac.testing.InMemoryTaskStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory broker and store, a client on them, and the workers a test starts; closing it stops
 * every worker at once (their deliveries are released) and closes the rest.
 */
final class WorkerKit implements AutoCloseable {
  static final String QUEUE = "default";
  static final Duration PATIENCE = Duration.ofSeconds(60);

  final InMemoryBroker broker = new InMemoryBroker();
  final InstantSource clock;
  final InMemoryTaskStore store;
  final TaskClient client;
  private final List<Worker> workers = new ArrayList<>();
  private final AtomicInteger names = new AtomicInteger();

  WorkerKit() {
    this(InstantSource.system());
  }

  WorkerKit(InstantSource clock) {
    this.clock = clock;
    this.store = new InMemoryTaskStore(clock);
    this.client = TaskClient.builder().broker(broker).store(store).clock(clock).build();
  }

  /** A configuration of a fast-polling worker of the default queue with a unique id. */
  WorkerConfig.Builder config() {
    return WorkerConfig.builder(QUEUE)
        .workerId("worker-" + names.incrementAndGet())
        .pollTimeout(Duration.ofMillis(200))
        .interruptGrace(Duration.ofSeconds(2))
        .storeTimeout(Duration.ofSeconds(10));
  }

  /** A started worker running {@code tasks} with {@code config} on this kit's broker and store. */
  Worker start(WorkerConfig.Builder config, RuntimeTasks tasks) {
    return start(config, tasks, broker);
  }

  /** Like {@link #start(WorkerConfig.Builder, RuntimeTasks)}, consuming through {@code via}. */
  Worker start(WorkerConfig.Builder config, RuntimeTasks tasks, Broker via) {
    Worker worker = build(config, tasks, via);
    worker.start();
    return worker;
  }

  Worker build(WorkerConfig.Builder config, RuntimeTasks tasks, Broker via) {
    return build(
        Worker.builder()
            .config(config.build())
            .registry(TaskRegistry.builder().register(tasks).build())
            .broker(via));
  }

  /** Builds {@code worker} on this kit's store and clock, to be stopped when the kit closes. */
  Worker build(Worker.Builder worker) {
    Worker built = worker.store(store).clock(clock).build();
    workers.add(built);
    return built;
  }

  /** Publishes {@code message} straight to the broker, as a retry or an early delivery would be. */
  void publish(TaskMessage message) {
    broker
        .publish(
            new OutboundMessage(
                message.queue(),
                message.id(),
                message.task(),
                message.priority(),
                new TaskMessageCodec().encode(message),
                Map.of()))
        .join();
  }

  TaskRecord record(TaskId id) {
    return store.find(id).orElseThrow(() -> new AssertionError("no record of task " + id));
  }

  /** Waits until task {@code id} is in {@code state}. */
  TaskRecord awaitState(TaskId id, TaskState state) {
    await()
        .atMost(PATIENCE)
        .until(() -> store.find(id).map(TaskRecord::state).orElse(null) == state);
    return record(id);
  }

  @Override
  public void close() {
    workers.forEach(worker -> worker.drain(Duration.ZERO));
    client.close();
    broker.close();
    store.close();
  }
}
