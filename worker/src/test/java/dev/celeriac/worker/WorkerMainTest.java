package dev.celeriac.worker;

import static dev.celeriac.worker.WorkerKit.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.BrokerFactory;
import dev.celeriac.api.spi.StoreFactory;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkerMainTest {
  private static final String TASKS = RuntimeTasks.class.getName();

  private final WorkerKit kit = new WorkerKit();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger mainLogger = (Logger) LoggerFactory.getLogger(WorkerMain.class);
  private final AtomicReference<@Nullable Thread> hook = new AtomicReference<>();

  @BeforeEach
  void captureLog() {
    log.start();
    mainLogger.addAppender(log);
  }

  @AfterEach
  void release() {
    mainLogger.detachAppender(log);
    kit.close();
  }

  private WorkerMain main(BrokerFactory brokers, StoreFactory stores) {
    return new WorkerMain(brokers, stores, Map.of(), hook::set);
  }

  private WorkerMain inMemoryMain() {
    return main(url -> kit.broker, url -> kit.store);
  }

  private ILoggingEvent onlyError() {
    List<ILoggingEvent> errors =
        log.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
    assertThat(errors).hasSize(1);
    assertThat(errors.getFirst().getThrowableProxy()).isNull();
    assertThat(errors.getFirst().getFormattedMessage()).doesNotContain("\n");
    return errors.getFirst();
  }

  @Test
  void workerRunsTasksUntilItsShutdownHookDrainsIt() throws Exception {
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                inMemoryMain()
                    .launch(
                        new String[] {
                          "--broker",
                          "memory://",
                          "--db=memory://",
                          "--tasks",
                          TASKS,
                          "--concurrency",
                          "5",
                          "--grace",
                          "5s",
                          "--worker-id",
                          "main-1"
                        }));
    await().atMost(PATIENCE).until(() -> hook.get() != null);

    TaskId id = kit.client.submit(RuntimeTasks::add, 20, 22).id();
    kit.awaitState(id, TaskState.SUCCEEDED);
    assertThat(kit.record(id).workerId()).isEqualTo("main-1");

    hook.get().run();
    assertThat(exit.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(WorkerMain.EXIT_OK);
  }

  @Test
  void badOptionIsOneLineAndTheUsageExitCode() {
    int exit =
        inMemoryMain()
            .launch(
                new String[] {
                  "--broker", "b", "--db", "d", "--tasks", TASKS, "--concurrency", "many"
                });

    assertThat(exit).isEqualTo(WorkerMain.EXIT_USAGE);
    assertThat(onlyError().getFormattedMessage())
        .contains("--concurrency must be a whole number, was 'many'");
  }

  @Test
  void unknownTaskClassIsOneLineAndTheUsageExitCode() {
    int exit =
        inMemoryMain()
            .launch(new String[] {"--broker", "b", "--db", "d", "--tasks", "com.example.Nope"});

    assertThat(exit).isEqualTo(WorkerMain.EXIT_USAGE);
    assertThat(onlyError().getFormattedMessage()).contains("no class com.example.Nope");
  }

  @Test
  void unreachableStoreIsOneClearLineWithoutItsPassword() {
    StoreFactory down =
        url -> {
          throw new IllegalStateException(
              "Connection to db:5432 refused", new ConnectException("Connection refused"));
        };

    int exit =
        main(url -> kit.broker, down)
            .launch(
                new String[] {
                  "--broker",
                  "memory://",
                  "--db",
                  "postgresql://app:secret@db:5432/celeriac",
                  "--tasks",
                  TASKS
                });

    assertThat(exit).isEqualTo(WorkerMain.EXIT_UNAVAILABLE);
    assertThat(onlyError().getFormattedMessage())
        .contains("cannot reach the task store at postgresql://***@db:5432/celeriac")
        .contains("Connection to db:5432 refused: Connection refused")
        .doesNotContain("secret");
  }

  @Test
  void unreachableBrokerIsOneClearLineAndTheStoreIsClosedAgain() {
    BrokerFactory down =
        url -> {
          throw new BrokerException("no broker answers at " + url);
        };

    int exit =
        main(down, url -> kit.store)
            .launch(
                new String[] {"--broker", "kafka://k:9092", "--db", "memory://", "--tasks", TASKS});

    assertThat(exit).isEqualTo(WorkerMain.EXIT_UNAVAILABLE);
    assertThat(onlyError().getFormattedMessage())
        .contains("cannot reach the broker at kafka://k:9092: no broker answers at kafka://k:9092");
    assertThatThrownBy(() -> kit.store.nextDue()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void optionsComeFromTheEnvironmentWhenNoFlagGivesThem() throws Exception {
    var fromEnv =
        new WorkerMain(
            url -> kit.broker,
            url -> kit.store,
            Map.of(
                "CELERIAC_BROKER", "memory://",
                "CELERIAC_DB", "memory://",
                "CELERIAC_TASKS", TASKS,
                "CELERIAC_WORKER_ID", "env-worker"),
            hook::set);
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(() -> fromEnv.launch(new String[0]));
    await().atMost(PATIENCE).until(() -> hook.get() != null);

    TaskId id = kit.client.submit(RuntimeTasks::add, 1, 2).id();

    assertThat(kit.awaitState(id, TaskState.SUCCEEDED).workerId()).isEqualTo("env-worker");
    hook.get().run();
    assertThat(exit.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(WorkerMain.EXIT_OK);
  }
}
