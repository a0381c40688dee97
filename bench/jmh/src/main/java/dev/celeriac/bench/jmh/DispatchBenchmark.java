package dev.celeriac.bench.jmh;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.testing.InMemoryTaskStore;
import dev.celeriac.worker.AttemptProcessor;
import dev.celeriac.worker.DeliveryOutcome;
import dev.celeriac.worker.TaskRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One delivery of a no-op task through the worker's real code path ({@link AttemptProcessor}:
 * decode, registry lookup, record the start, run the method on its own virtual thread, record the
 * result, acknowledge) with the in-memory store, so what is left is the worker's own cost. Each
 * operation also builds and encodes a fresh envelope (a delivery needs a new task id; a repeated
 * one would be skipped as already done): subtract {@link CodecBenchmark#encode} for the worker
 * alone. Run with {@code -t N} to see it from N consumer threads at once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DispatchBenchmark {
  private static final ArrayNode NO_ARGS = JsonNodeFactory.instance.arrayNode();

  private final TaskMessageCodec codec = new TaskMessageCodec();
  private final TaskRegistry registry = TaskRegistry.builder().register(new NoOpTasks()).build();
  private InMemoryTaskStore store;
  private AttemptProcessor processor;

  /** A fresh store per iteration, so the rows of earlier iterations do not pile up in the heap. */
  @Setup(Level.Iteration)
  public void startWorker() {
    store = new InMemoryTaskStore();
    processor =
        AttemptProcessor.builder().registry(registry).store(store).workerId("bench").build();
  }

  /** Drops the iteration's store. */
  @TearDown(Level.Iteration)
  public void stopWorker() {
    store.close();
  }

  /** Processes one delivery; fails the run if the task did not succeed and get acknowledged. */
  @Benchmark
  public DeliveryOutcome noOpTask() {
    TaskMessage message = BenchMessages.message("bench.noop", NO_ARGS);
    var delivery = new BenchDelivery(codec.encode(message), message.id());
    DeliveryOutcome outcome = processor.process(delivery);
    if (outcome != DeliveryOutcome.SUCCEEDED || !"ack".equals(delivery.settlement())) {
      throw new IllegalStateException(
          "task " + message.id() + " ended " + outcome + ", settled " + delivery.settlement());
    }
    return outcome;
  }
}
