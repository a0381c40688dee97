package dev.celeriac.store.postgres;

import static dev.celeriac.store.postgres.TestDatabase.aMessage;
import static dev.celeriac.store.postgres.TestDatabase.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.FinishResult;
import dev.celeriac.api.spi.TaskCompletion;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The batching writer: group commit, commit-before-complete, exactly one terminal record. */
@Timeout(180)
class BatchingWriterIT {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(BatchingWriterIT.class);
  private PostgresTaskStore store;

  @BeforeEach
  void startStore() {
    store = TestDatabase.startedStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void tenThousandConcurrentResultsLandInFarFewerBatchesThanWritesEachVisibleBeforeItsFuture()
      throws Exception {
    int threads = 200;
    int perThread = 50;
    List<TaskMessage> messages = new ArrayList<>();
    for (int i = 0; i < threads * perThread; i++) {
      messages.add(aMessage("bulk.result"));
    }
    CompletableFuture.allOf(
            messages.stream().map(store::recordSubmitted).toArray(CompletableFuture[]::new))
        .get(60, TimeUnit.SECONDS);
    WriteStats before = store.writeStats();
    Queue<Boolean> visibleAtCompletion = new ConcurrentLinkedQueue<>();
    Queue<FinishResult> results = new ConcurrentLinkedQueue<>();

    try (var observer = new CommittedStateObserver(4);
        var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < threads; t++) {
        List<TaskMessage> mine = messages.subList(t * perThread, (t + 1) * perThread);
        pool.submit(
            () -> {
              for (TaskMessage message : mine) {
                store
                    .recordFinished(succeeded(message.id(), 7))
                    .thenAccept(
                        result -> {
                          results.add(result);
                          visibleAtCompletion.add(observer.isSucceeded(message.id()));
                        })
                    .join();
              }
              return null;
            });
      }
    }

    WriteStats after = store.writeStats();
    long writes = after.writesCommitted() - before.writesCommitted();
    long batches = after.batchesCommitted() - before.batchesCommitted();
    log.info("{} writes committed in {} batches", writes, batches);
    assertThat(results).hasSize(threads * perThread).allMatch(FinishResult::applied);
    assertThat(visibleAtCompletion).hasSize(threads * perThread).containsOnly(true);
    assertThat(writes).isEqualTo(threads * perThread);
    assertThat(batches).as("batches for %d writes", writes).isLessThanOrEqualTo(writes / 10);
    assertThat(countRows("bulk.result", TaskState.SUCCEEDED)).isEqualTo(threads * perThread);
  }

  /** Reads committed states through plain connections of its own, outside the store. */
  private static final class CommittedStateObserver implements AutoCloseable {
    private final java.util.concurrent.BlockingQueue<Connection> connections;

    CommittedStateObserver(int size) throws SQLException {
      connections = new java.util.concurrent.ArrayBlockingQueue<>(size);
      for (int i = 0; i < size; i++) {
        connections.add(TestDatabase.plainConnection());
      }
    }

    boolean isSucceeded(TaskId id) {
      Connection connection = null;
      try {
        connection = connections.take();
        try (PreparedStatement stateOf =
            connection.prepareStatement("SELECT state FROM celeriac_tasks WHERE id = ?")) {
          stateOf.setObject(1, id.value());
          try (ResultSet row = stateOf.executeQuery()) {
            return row.next() && row.getString(1).equals(TaskState.SUCCEEDED.name());
          }
        }
      } catch (SQLException | InterruptedException e) {
        throw new IllegalStateException(e);
      } finally {
        if (connection != null) {
          connections.add(connection);
        }
      }
    }

    @Override
    public void close() throws SQLException {
      for (Connection connection : connections) {
        connection.close();
      }
    }
  }

  @Test
  void twoWritersRacingToFinishOneTaskLeaveExactlyOneTerminalRecordAndTellTheLoser()
      throws Exception {
    int ids = 300;
    List<TaskMessage> messages = new ArrayList<>();
    for (int i = 0; i < ids; i++) {
      TaskMessage message = aMessage("race.finish");
      messages.add(message);
      store.recordStarted(message, "w-0", now()).get(30, TimeUnit.SECONDS);
    }
    List<CompletableFuture<FinishResult>> succeeded = new ArrayList<>();
    List<CompletableFuture<FinishResult>> failed = new ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (TaskMessage message : messages) {
        var gate = new CountDownLatch(1);
        var a = new CompletableFuture<FinishResult>();
        var b = new CompletableFuture<FinishResult>();
        pool.submit(() -> race(gate, a, () -> store.recordFinished(succeeded(message.id(), 1))));
        pool.submit(() -> race(gate, b, () -> store.recordFinished(failedWith(message.id()))));
        gate.countDown();
        succeeded.add(a);
        failed.add(b);
      }
    }
    for (int i = 0; i < ids; i++) {
      FinishResult a = succeeded.get(i).get(30, TimeUnit.SECONDS);
      FinishResult b = failed.get(i).get(30, TimeUnit.SECONDS);
      assertThat(a.applied()).as("exactly one applies").isNotEqualTo(b.applied());
      FinishResult winner = a.applied() ? a : b;
      FinishResult loser = a.applied() ? b : a;
      assertThat(loser.state()).as("the loser learns the kept state").isEqualTo(winner.state());
      var stored = store.find(messages.get(i).id()).orElseThrow();
      assertThat(stored.state()).isEqualTo(winner.state());
      assertThat(stored.result() != null).isEqualTo(winner.state() == TaskState.SUCCEEDED);
    }
  }

  @Test
  void twoStoresRacingToFinishTheSameTasksAgreeOnExactlyOneWinnerEach() throws Exception {
    int ids = 300;
    List<TaskMessage> messages = new ArrayList<>();
    List<CompletableFuture<?>> starts = new ArrayList<>();
    for (int i = 0; i < ids; i++) {
      TaskMessage message = aMessage("race.across.stores");
      messages.add(message);
      starts.add(store.recordStarted(message, "w-0", now()));
    }
    CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    List<CompletableFuture<FinishResult>> fromA = new ArrayList<>();
    List<CompletableFuture<FinishResult>> fromB = new ArrayList<>();

    // Two stores are two writers with their own transactions, like two worker processes.
    try (var other = TestDatabase.startedStore()) {
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        var gate = new CountDownLatch(1);
        for (TaskMessage message : messages) {
          var a = new CompletableFuture<FinishResult>();
          var b = new CompletableFuture<FinishResult>();
          pool.submit(() -> race(gate, a, () -> store.recordFinished(succeeded(message.id(), 1))));
          pool.submit(() -> race(gate, b, () -> other.recordFinished(failedWith(message.id()))));
          fromA.add(a);
          fromB.add(b);
        }
        gate.countDown();
      }
      for (int i = 0; i < ids; i++) {
        FinishResult a = fromA.get(i).get(30, TimeUnit.SECONDS);
        FinishResult b = fromB.get(i).get(30, TimeUnit.SECONDS);
        assertThat(a.applied()).as("exactly one applies").isNotEqualTo(b.applied());
        FinishResult winner = a.applied() ? a : b;
        assertThat((a.applied() ? b : a).state()).isEqualTo(winner.state());
        assertThat(store.find(messages.get(i).id()).orElseThrow().state())
            .isEqualTo(winner.state());
      }
    }
  }

  private static @org.jspecify.annotations.Nullable Void race(
      CountDownLatch gate,
      CompletableFuture<FinishResult> into,
      java.util.function.Supplier<CompletableFuture<FinishResult>> write)
      throws InterruptedException {
    gate.await();
    write
        .get()
        .whenComplete(
            (r, e) -> {
              if (e != null) {
                into.completeExceptionally(e);
              } else {
                into.complete(r);
              }
            });
    return null;
  }

  @Test
  void aWriteTheDatabaseRefusesFailsAloneWithoutSinkingTheOthers() throws Exception {
    List<TaskMessage> good = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      good.add(aMessage("poison.neighbour"));
    }
    TaskMessage poisoned = aMessage("poison.itself");
    List<CompletableFuture<FinishResult>> goodFutures = new ArrayList<>();
    for (TaskMessage message : good.subList(0, 10)) {
      goodFutures.add(store.recordFinished(succeeded(message.id(), 1)));
    }
    // jsonb refuses the NUL character.
    var nul = com.fasterxml.jackson.databind.node.TextNode.valueOf("a \u0000 in the result");
    CompletableFuture<FinishResult> poison =
        store.recordFinished(TaskCompletion.succeeded(poisoned.id(), 1, nul, now(), "w-1"));
    for (TaskMessage message : good.subList(10, 20)) {
      goodFutures.add(store.recordFinished(succeeded(message.id(), 1)));
    }

    assertThatThrownBy(() -> poison.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(TaskStoreException.class)
        .hasMessageContaining("not committed");
    for (CompletableFuture<FinishResult> future : goodFutures) {
      assertThat(future.get(30, TimeUnit.SECONDS).applied()).isTrue();
    }
    assertThat(store.find(poisoned.id())).isEmpty();
    assertThat(store.writeStats().writesFailed()).isEqualTo(1);
  }

  @Test
  void writesFailWithAClearErrorWhenTheDatabaseIsUnreachableAndSucceedOnceItIsBack()
      throws Exception {
    var switchable = new SwitchableDataSource();
    try (var direct = TestDatabase.startedStoreOn(switchable)) {
      TaskMessage message = aMessage("unreachable.db");
      switchable.down.set(true);
      CompletableFuture<Void> lost = direct.recordSubmitted(message);

      assertThatThrownBy(() -> lost.get(30, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(TaskStoreException.class)
          .hasMessageContaining("not committed");
      assertThat(direct.writeStats().writesCommitted()).isZero();

      switchable.down.set(false);
      direct.recordSubmitted(message).get(30, TimeUnit.SECONDS);
      assertThat(direct.find(message.id()).orElseThrow().state()).isEqualTo(TaskState.PENDING);
    }
  }

  @Test
  void closeCommitsTheWritesAlreadyQueued() throws Exception {
    var messages = new ArrayList<TaskMessage>();
    var futures = new ArrayList<CompletableFuture<Void>>();
    for (int i = 0; i < 300; i++) {
      TaskMessage message = aMessage("close.flush");
      messages.add(message);
      futures.add(store.recordSubmitted(message));
    }
    store.close();

    for (CompletableFuture<Void> future : futures) {
      assertThat(future).isCompleted().isNotCompletedExceptionally();
    }
    try (var reader = TestDatabase.startedStore()) {
      assertThat(messages).allMatch(m -> reader.find(m.id()).isPresent());
    }
  }

  @Test
  void writesAfterCloseFailInsteadOfVanishing() {
    store.close();
    CompletableFuture<Void> write = store.recordSubmitted(aMessage("after.close"));
    assertThat(write).isCompletedExceptionally();
    assertThatThrownBy(write::join).cause().isInstanceOf(TaskStoreException.class);
  }

  private static long countRows(String name, TaskState state) throws SQLException {
    try (Connection c = TestDatabase.plainConnection();
        PreparedStatement count =
            c.prepareStatement(
                "SELECT count(*) FROM celeriac_tasks WHERE name = ? AND state = ?")) {
      count.setString(1, name);
      count.setString(2, state.name());
      try (ResultSet row = count.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  static TaskCompletion succeeded(TaskId id, int value) {
    return TaskCompletion.succeeded(id, 1, IntNode.valueOf(value), now(), "w-1");
  }

  static TaskCompletion failedWith(TaskId id) {
    return TaskCompletion.failed(
        id,
        1,
        TaskState.FAILED,
        FailureInfo.of(new IllegalStateException("boom")),
        now(),
        "w-2",
        null);
  }

  /** Plain connections to the test database, or a connection failure while {@code down}. */
  private static final class SwitchableDataSource implements DataSource {
    final AtomicBoolean down = new AtomicBoolean();

    @Override
    public Connection getConnection() throws SQLException {
      if (down.get()) {
        throw new SQLException("connection refused (simulated)", "08001");
      }
      return TestDatabase.plainConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }
  }
}
