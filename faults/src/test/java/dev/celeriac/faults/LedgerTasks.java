package dev.celeriac.faults;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.celeriac.api.Retry;
import dev.celeriac.api.Task;
import dev.celeriac.api.TaskContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The tasks of the ledger workload. Each computes {@code a + b}, a result the test knows in
 * advance, and first records its own execution (task id, attempt, worker pid) in the {@code
 * fault_executions} table of the test's database, so "executed more than once" is counted by the
 * tasks themselves. A worker process names the database with {@code -Dfaults.executions.url=…}.
 *
 * <p>Public with a public no-argument constructor: worker processes register it by name.
 */
public final class LedgerTasks {
  /** The system property holding the JDBC URL (with user) of the executions table. */
  static final String EXECUTIONS_URL = "faults.executions.url";

  /** How long an execution keeps trying to record itself while the database is away. */
  private static final Duration RECORD_PATIENCE = Duration.ofMinutes(3);

  private static volatile HikariDataSource executions;

  /** A public constructor for worker processes. */
  public LedgerTasks() {}

  /** The plain task. */
  @Task(name = "ledger.sum")
  public long sum(long a, long b, TaskContext context) throws InterruptedException {
    recordExecution(context);
    return a + b;
  }

  /** Fails its first two attempts on purpose, then succeeds: a retry per task. */
  @Task(name = "ledger.flakySum", retry = @Retry(maxAttempts = 4, backoff = "300ms..1s"))
  public long flakySum(long a, long b, TaskContext context) throws InterruptedException {
    recordExecution(context);
    if (context.attempt() < 3) {
      throw new IllegalStateException("attempt " + context.attempt() + " fails on purpose");
    }
    return a + b;
  }

  /** Takes {@code millis} before answering: a long task, in flight when faults strike. */
  @Task(name = "ledger.slowSum", timeout = "2m")
  public long slowSum(long a, long b, long millis, TaskContext context)
      throws InterruptedException {
    recordExecution(context);
    Thread.sleep(millis);
    return a + b;
  }

  /** Fails on every attempt: the share of the workload that is designed to end FAILED. */
  @Task(name = "ledger.doomed", retry = @Retry(maxAttempts = 2, backoff = "200ms..200ms"))
  public long doomed(long a, TaskContext context) throws InterruptedException {
    recordExecution(context);
    throw new DesignedFailureException("task " + a + " fails by design");
  }

  /** The failure of {@link #doomed}, recognisable in the ledger. */
  public static final class DesignedFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DesignedFailureException(String message) {
      super(message);
    }
  }

  private static void recordExecution(TaskContext context) throws InterruptedException {
    long deadline = System.nanoTime() + RECORD_PATIENCE.toNanos();
    while (true) {
      try (Connection connection = dataSource().getConnection();
          PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO fault_executions (task_id, attempt, worker_pid) VALUES (?, ?, ?)")) {
        insert.setObject(1, context.taskId().value());
        insert.setInt(2, context.attempt());
        insert.setLong(3, ProcessHandle.current().pid());
        insert.executeUpdate();
        return;
      } catch (SQLException e) {
        // The database is restarting or cut off: the execution happened, so it must be counted.
        // A failed insert after a successful commit would count twice; the audit reads that as a
        // rerun, the conservative side.
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("cannot record the execution: " + e.getMessage(), e);
        }
        Thread.sleep(200);
      }
    }
  }

  private static HikariDataSource dataSource() {
    HikariDataSource source = executions;
    if (source == null) {
      synchronized (LedgerTasks.class) {
        if (executions == null) {
          String url = System.getProperty(EXECUTIONS_URL);
          if (url == null) {
            throw new IllegalStateException("-D" + EXECUTIONS_URL + " is not set");
          }
          HikariConfig config = new HikariConfig();
          config.setJdbcUrl(url);
          config.setMaximumPoolSize(4);
          config.setConnectionTimeout(5_000);
          config.setPoolName("fault-executions");
          executions = new HikariDataSource(config);
        }
        source = executions;
      }
    }
    return source;
  }
}
