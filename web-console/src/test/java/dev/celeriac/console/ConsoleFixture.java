package dev.celeriac.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.TaskCompletion;
import dev.celeriac.api.spi.TaskStore;
import dev.celeriac.coordinator.ScheduleManager;
import dev.celeriac.coordinator.TaskCatalog;
import dev.celeriac.testing.InMemoryBroker;
import dev.celeriac.testing.InMemoryScheduleStore;
import dev.celeriac.testing.InMemoryTaskStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A started console on in-memory (or given) store and broker, with tokens, for API tests. */
final class ConsoleFixture implements AutoCloseable {
  static final String ADMIN = "admin-token-0123456789";
  static final String VIEWER = "viewer-token-0123456789";

  final TaskStore store;
  final Broker broker;
  final WebConsole console;
  final ConsoleHttp admin;

  private ConsoleFixture(TaskStore store, Broker broker, @Nullable ConsoleTokens tokens) {
    this.store = store;
    this.broker = broker;
    ScheduleManager schedules =
        ScheduleManager.create(
            new InMemoryScheduleStore(),
            store,
            broker,
            TaskCatalog.of(ConsoleTestTasks.class),
            InstantSource.system());
    WebConsole.Builder builder =
        WebConsole.builder()
            .store(store)
            .broker(broker)
            .schedules(schedules)
            .port(0)
            .feedInterval(Duration.ofMillis(200));
    if (tokens != null) {
      builder.tokens(tokens).host("127.0.0.1");
    }
    this.console = builder.build();
    console.start();
    this.admin = new ConsoleHttp(console.url(), tokens == null ? null : ADMIN);
  }

  /** In-memory store and broker, admin and viewer tokens. */
  static ConsoleFixture inMemoryWithTokens() {
    return new ConsoleFixture(
        new InMemoryTaskStore(),
        new InMemoryBroker(),
        ConsoleTokens.parse("admin:" + ADMIN + ",viewer:" + VIEWER));
  }

  /** The given store and broker, no tokens (localhost only). */
  static ConsoleFixture open(TaskStore store, Broker broker) {
    return new ConsoleFixture(store, broker, null);
  }

  InMemoryBroker inMemoryBroker() {
    return (InMemoryBroker) broker;
  }

  /** A recorded submission of {@code task} with {@code args}, submitted at {@code at}. */
  TaskMessage submitted(String task, ArrayNode args, Instant at) {
    return submitted(task, args, at, "default");
  }

  /** A task submitted now to {@code queue}. */
  TaskMessage submittedTo(String task, String queue) {
    return submitted(task, JsonNodeFactory.instance.arrayNode().add("x"), Instant.now(), queue);
  }

  private TaskMessage submitted(String task, ArrayNode args, Instant at, String queue) {
    TaskMessage m =
        new TaskMessage(
            TaskMessage.CURRENT_VERSION,
            TaskId.generate(),
            task,
            args,
            queue,
            1,
            null,
            null,
            0,
            null,
            Map.of(),
            at);
    store.recordSubmitted(m).join();
    return m;
  }

  TaskMessage submitted(String task) {
    return submitted(task, JsonNodeFactory.instance.arrayNode().add("x"), Instant.now());
  }

  /**
   * A task that ran once and ended in {@code outcome} (FAILED with a stack trace, or SUCCEEDED).
   */
  TaskMessage finished(String task, TaskState outcome) {
    TaskMessage m = submitted(task);
    Instant start = Instant.now();
    store.recordStarted(m, "worker-1", start).join();
    TaskCompletion end =
        outcome == TaskState.SUCCEEDED
            ? TaskCompletion.succeeded(
                m.id(), 1, JsonNodeFactory.instance.textNode("ok"), start.plusMillis(5), "worker-1")
            : TaskCompletion.failed(
                m.id(),
                1,
                outcome,
                FailureInfo.of(new IllegalStateException("boom")),
                start.plusMillis(5),
                "worker-1",
                null);
    store.recordFinished(end).join();
    return m;
  }

  @Override
  public void close() {
    console.close();
    broker.close();
    store.close();
  }
}
