package dev.celeriac.bench.jmh;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.FinishResult;
import dev.celeriac.api.spi.TaskCompletion;
import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.junit.TestServices;
import dev.celeriac.store.postgres.PostgresTaskStore;
import dev.celeriac.store.postgres.WriteStats;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The store's batching writer (group commit) against a real PostgreSQL, driven the way a worker
 * drives it: many threads, each waiting for its own write to commit. The database is a fresh one
 * from {@link TestServices#postgres()} (CELERIAC_TEST_POSTGRES_URL, else 127.0.0.1:5432, else an
 * embedded server), dropped when the benchmark JVM exits.
 *
 * <p>A result needs the row its start created, and JMH cannot leave per-operation set-up out of the
 * timing, so {@link #startAndFinish} times both writes and {@link #start} times the first alone:
 * finishes alone run at about {@code 1 / (1/startAndFinish - 1/start)} per second. Scores are
 * operations per second over all threads; each iteration prints how many writes a commit carried.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(32)
public class WriterBenchmark {
  /** The writer's largest batch, as {@code PostgresTaskStore.builder().maxBatchSize}. */
  @Param({"256"})
  public int maxBatchSize;

  private PostgresTaskStore store;
  private WriteStats statsBefore;

  /** Migrates a fresh database and starts a store on it. */
  @Setup(Level.Trial)
  public void startStore() {
    PostgresEndpoint endpoint = TestServices.postgres();
    store =
        PostgresTaskStore.builder()
            .jdbcUrl(endpoint.jdbcUrl())
            .user(endpoint.user())
            .password(endpoint.password())
            .poolSize(4)
            .maxBatchSize(maxBatchSize)
            .build();
    store.migrate();
    store.start();
  }

  /** Notes the writer's counters, to print its batch sizes after the iteration. */
  @Setup(Level.Iteration)
  public void countBatches() {
    statsBefore = store.writeStats();
  }

  /** Prints how many writes each commit carried: what group commit bought. */
  @TearDown(Level.Iteration)
  public void reportBatches() {
    WriteStats after = store.writeStats();
    long writes = after.writesCommitted() - statsBefore.writesCommitted();
    long batches = after.batchesCommitted() - statsBefore.batchesCommitted();
    System.out.printf(
        " [%d writes in %d commits, %.1f per commit, %d failed] ",
        writes,
        batches,
        batches == 0 ? 0.0 : (double) writes / batches,
        after.writesFailed() - statsBefore.writesFailed());
  }

  /** Stops the store; its writer commits what is queued first. */
  @TearDown(Level.Trial)
  public void stopStore() {
    store.close();
  }

  /** A worker's first write for a task: the attempt's start, creating the task's row. */
  @Benchmark
  public TaskState start() {
    TaskMessage message = BenchMessages.message("bench.noop", BenchMessages.smallArgs());
    return store.recordStarted(message, "bench", Instant.now()).join();
  }

  /** A task's two writes, start then result, each waited for like the worker waits. */
  @Benchmark
  public FinishResult startAndFinish() {
    TaskMessage message = BenchMessages.message("bench.noop", BenchMessages.smallArgs());
    store.recordStarted(message, "bench", Instant.now()).join();
    FinishResult result =
        store
            .recordFinished(
                TaskCompletion.succeeded(
                    message.id(), 1, NullNode.getInstance(), Instant.now(), "bench"))
            .join();
    if (!result.applied()) {
      throw new IllegalStateException("the result of task " + message.id() + " was not applied");
    }
    return result;
  }
}
