package dev.celeriac.store.postgres.internal;

import static dev.celeriac.store.postgres.TestDatabase.aMessage;
import static dev.celeriac.store.postgres.TestDatabase.now;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.FinishResult;
import dev.celeriac.api.spi.TaskCompletion;
import dev.celeriac.store.postgres.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Several writes for one id inside one batch apply in arrival order, as if one by one. */
@Timeout(60)
class BatchTransactionIT {
  private Connection connection;

  @BeforeEach
  void openTransaction() throws SQLException {
    TestDatabase.endpoint();
    connection = TestDatabase.plainConnection();
    connection.setAutoCommit(false);
  }

  @AfterEach
  void closeConnection() throws SQLException {
    connection.close();
  }

  private BatchContext commit(PendingWrite... writes) throws SQLException {
    BatchContext batch = BatchTransaction.run(connection, List.of(writes), now());
    connection.commit();
    batch.completions().forEach(Runnable::run);
    return batch;
  }

  @Test
  void ofTwoFinishesOfOneIdInOneBatchTheFirstAppliesAndTheSecondIsTold() throws Exception {
    TaskMessage message = aMessage("same.batch.race");
    var first = new CompletableFuture<FinishResult>();
    var second = new CompletableFuture<FinishResult>();

    BatchContext batch =
        commit(
            new PendingWrite.Start(message, "w-1", now(), new CompletableFuture<>()),
            new PendingWrite.Finish(
                TaskCompletion.succeeded(message.id(), 1, IntNode.valueOf(1), now(), "w-1"), first),
            new PendingWrite.Finish(
                TaskCompletion.failed(
                    message.id(),
                    1,
                    TaskState.FAILED,
                    FailureInfo.reason("Late", "duplicate"),
                    now(),
                    "w-2",
                    null),
                second));

    assertThat(first.join()).isEqualTo(new FinishResult(true, TaskState.SUCCEEDED));
    assertThat(second.join()).isEqualTo(new FinishResult(false, TaskState.SUCCEEDED));
    assertThat(stateOf(message)).isEqualTo("SUCCEEDED");
    assertThat(batch.finishedIds()).containsExactly(message.id());
  }

  @Test
  void aSubmissionAfterAStartInTheSameBatchDoesNotTurnItBackToPending() throws Exception {
    TaskMessage message = aMessage("same.batch.submit");
    var started = new CompletableFuture<TaskState>();

    commit(
        new PendingWrite.Start(message, "w-1", now(), started),
        new PendingWrite.Submit(message, new CompletableFuture<>()));

    assertThat(started.join()).isEqualTo(TaskState.STARTED);
    assertThat(stateOf(message)).isEqualTo("STARTED");
  }

  @Test
  void aStartAfterARevokeInTheSameBatchIsRefused() throws Exception {
    TaskMessage message = aMessage("same.batch.revoke");
    var revoked = new CompletableFuture<FinishResult>();
    var started = new CompletableFuture<TaskState>();

    commit(
        new PendingWrite.Revoke(message.id(), now(), revoked),
        new PendingWrite.Start(message, "w-1", now(), started));

    assertThat(revoked.join()).isEqualTo(new FinishResult(true, TaskState.REVOKED));
    assertThat(started.join()).isEqualTo(TaskState.REVOKED);
    assertThat(stateOf(message)).isEqualTo("REVOKED");
  }

  @Test
  void nothingIsCompletedBeforeTheCommitAndARolledBackBatchLeavesNoTrace() throws Exception {
    TaskMessage message = aMessage("rolled.back");
    var submitted = new CompletableFuture<Void>();

    BatchContext batch =
        BatchTransaction.run(
            connection, List.of(new PendingWrite.Submit(message, submitted)), now());
    connection.rollback();

    assertThat(batch.completions()).hasSize(1);
    assertThat(submitted).isNotDone();
    assertThat(stateOf(message)).isNull();
  }

  private static String stateOf(TaskMessage message) throws SQLException {
    try (Connection c = TestDatabase.plainConnection();
        PreparedStatement select =
            c.prepareStatement("SELECT state FROM celeriac_tasks WHERE id = ?")) {
      select.setObject(1, message.id().value());
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }
}
