package dev.celeriac.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.celeriac.api.SubmitOptions;
import dev.celeriac.api.TaskClient;
import dev.celeriac.api.TaskHandle;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskSubmitter;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.store.postgres.PostgresTaskStore;
import dev.celeriac.worker.TaskRegistry;
import dev.celeriac.worker.Worker;
import dev.celeriac.worker.WorkerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * What one end-to-end test runs on: the broker under test, a started PostgreSQL store, a client
 * that submits through its own broker connection, and the in-test workers it starts. Closing it
 * stops the workers (releasing what they hold), then closes brokers, queues and store.
 */
final class E2eFixture implements AutoCloseable {
  /** How long a test waits for a condition; generous, for a loaded 2-core machine. */
  static final Duration PATIENCE = Duration.ofSeconds(90);

  /** Submissions in flight at once when a test submits many tasks. */
  private static final int SUBMITTERS = 64;

  final BrokerUnderTest brokers;
  final PostgresTaskStore store;
  final TaskClient client;

  /**
   * The consumer group of this test's workers (in-test and processes) and consumers: on brokers
   * with group state (Kafka share groups: delivery counts, members a killed process left behind),
   * one test never sees another's.
   */
  final String consumerGroup = "e2e-" + UUID.randomUUID().toString().substring(0, 8);

  private final List<Worker> workers = new CopyOnWriteArrayList<>();
  private final AtomicInteger workerNames = new AtomicInteger();

  E2eFixture(Brokers kind) {
    this.brokers = kind.open();
    this.store = E2eDatabase.startedStore();
    this.client = TaskClient.builder().broker(brokers.newBroker()).store(store).build();
  }

  /** A submitter that sends every task to {@code queue}. */
  TaskSubmitter to(String queue) {
    return client.with(SubmitOptions.builder().queue(queue).build());
  }

  /** The settings of a fast-polling worker of {@code queue} with a unique id. */
  WorkerConfig.Builder workerConfig(String queue) {
    return WorkerConfig.builder(queue)
        .workerId("e2e-worker-" + workerNames.incrementAndGet())
        .consumerGroup(consumerGroup)
        .pollTimeout(Duration.ofMillis(250))
        .heartbeatInterval(Duration.ofSeconds(2))
        .dispatchMaxWait(Duration.ofMillis(200));
  }

  /** Starts a worker of {@link E2eTasks} with {@code config}, on a broker connection of its own. */
  Worker startWorker(WorkerConfig.Builder config) {
    return startWorker(config, brokers.newBroker());
  }

  /** Starts a worker of {@link E2eTasks} with {@code config}, consuming through {@code broker}. */
  Worker startWorker(WorkerConfig.Builder config, Broker broker) {
    Worker worker =
        Worker.builder()
            .config(config.build())
            .registry(TaskRegistry.builder().register(new E2eTasks()).build())
            .broker(broker)
            .store(store)
            .build();
    workers.add(worker);
    worker.start();
    return worker;
  }

  /**
   * Submits {@code count} tasks with {@code submit} (given the task's index) from {@value
   * #SUBMITTERS} threads at once; returns once every submission is durable.
   */
  List<TaskId> submitMany(int count, Function<Integer, TaskHandle<?>> submit) throws Exception {
    List<Future<List<TaskId>>> parts = new ArrayList<>();
    try (ExecutorService submitters = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int part = 0; part < SUBMITTERS; part++) {
        int first = part;
        parts.add(
            submitters.submit(
                () -> {
                  List<TaskId> ids = new ArrayList<>();
                  for (int i = first; i < count; i += SUBMITTERS) {
                    ids.add(submit.apply(i).id());
                  }
                  return ids;
                }));
      }
      List<TaskId> all = new ArrayList<>();
      for (Future<List<TaskId>> part : parts) {
        all.addAll(part.get());
      }
      assertThat(all).hasSize(count).doesNotHaveDuplicates();
      return all;
    }
  }

  /** Waits until {@code expected} tasks of {@code queue} are SUCCEEDED, reporting the ledger. */
  Ledger awaitAllSucceeded(String queue, long expected) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              Ledger ledger = Ledger.of(queue, expected);
              assertThat(ledger.succeeded()).as("succeeded; %s", ledger).isEqualTo(expected);
            });
    return Ledger.of(queue, expected);
  }

  /** Stops a worker now, releasing whatever it holds. */
  static void stopNow(Worker worker) {
    worker.drain(Duration.ZERO);
  }

  @Override
  public void close() {
    workers.forEach(E2eFixture::stopNow);
    client.close();
    brokers.close();
    store.close();
  }
}
