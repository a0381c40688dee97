package dev.celeriac.faults;

import dev.celeriac.api.SubmitOptions;
import dev.celeriac.api.TaskClient;
import dev.celeriac.api.TaskHandle;
import dev.celeriac.api.TaskId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's tasks: {@code count} calls drawn from a seed, each with a known answer, submitted at
 * an even pace over a window while faults strike. A submission that fails (the broker or database
 * is down) is tried again with the same idempotency key, so it keeps its id and the ledger knows
 * every task it submitted.
 */
final class Workload {
  private static final Logger log = LoggerFactory.getLogger(Workload.class);

  /** How long one task's submission keeps being tried before the run gives it up. */
  private static final Duration SUBMIT_PATIENCE = Duration.ofMinutes(2);

  /** The kind of one call; its share of the workload is in {@link #draw}. */
  enum Kind {
    PLAIN,
    RETRIED,
    ETA,
    LONG,
    DOOMED
  }

  /**
   * One call.
   *
   * @param index its place in the workload
   * @param kind its kind
   * @param a first addend
   * @param b second addend
   * @param millis how long a {@link Kind#LONG} call sleeps
   * @param countdown how far in the future an {@link Kind#ETA} call is due
   */
  record Call(int index, Kind kind, long a, long b, long millis, Duration countdown) {
    /** The result a successful run stores. */
    long expected() {
      return a + b;
    }
  }

  private final List<Call> calls;
  private final String runId;
  private final Map<TaskId, Call> submitted = new ConcurrentHashMap<>();
  private final AtomicInteger failedSubmitAttempts = new AtomicInteger();
  private final AtomicInteger givenUp = new AtomicInteger();

  private Workload(String runId, List<Call> calls) {
    this.runId = runId;
    this.calls = calls;
  }

  /**
   * {@code count} calls from {@code seed}: 70 % plain, 10 % failing twice before succeeding, 8 %
   * with an eta 1–8 s ahead, 7 % long (2–5 s), 5 % failing by design.
   */
  static Workload draw(String runId, long seed, int count) {
    Random random = new Random(seed ^ 0x5DEECE66DL);
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int roll = random.nextInt(100);
      Kind kind =
          roll < 70
              ? Kind.PLAIN
              : roll < 80
                  ? Kind.RETRIED
                  : roll < 88 ? Kind.ETA : roll < 95 ? Kind.LONG : Kind.DOOMED;
      calls.add(
          new Call(
              i,
              kind,
              i,
              random.nextInt(1_000_000),
              2_000 + random.nextInt(3_000),
              Duration.ofMillis(1_000 + random.nextInt(7_000))));
    }
    return new Workload(runId, List.copyOf(calls));
  }

  /**
   * Submits every call through {@code client} to {@code queue}, evenly over {@code window}; returns
   * when each is durable or given up.
   */
  void submit(TaskClient client, String queue, Duration window) throws InterruptedException {
    long start = System.nanoTime();
    long spacing = window.toNanos() / Math.max(1, calls.size());
    try (ExecutorService submitters = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Call call : calls) {
        long due = start + call.index() * spacing;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        submitters.submit(() -> submitDurably(client, queue, call));
      }
    }
  }

  private void submitDurably(TaskClient client, String queue, Call call) {
    long deadline = System.nanoTime() + SUBMIT_PATIENCE.toNanos();
    while (true) {
      try {
        TaskId id = submitOnce(client, queue, call).id();
        submitted.put(id, call);
        return;
      } catch (RuntimeException e) {
        failedSubmitAttempts.incrementAndGet();
        if (System.nanoTime() > deadline) {
          givenUp.incrementAndGet();
          log.warn("giving up submitting call {}: {}", call.index(), e.toString());
          return;
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private TaskHandle<?> submitOnce(TaskClient client, String queue, Call call) {
    SubmitOptions.Builder options =
        SubmitOptions.builder().queue(queue).idempotencyKey(runId + "-" + call.index());
    if (call.kind() == Kind.ETA) {
      options.countdown(call.countdown());
    }
    var submitter = client.with(options.build());
    return switch (call.kind()) {
      case PLAIN, ETA -> submitter.submit(LedgerTasks::sum, call.a(), call.b(), null);
      case RETRIED -> submitter.submit(LedgerTasks::flakySum, call.a(), call.b(), null);
      case LONG -> submitter.submit(LedgerTasks::slowSum, call.a(), call.b(), call.millis(), null);
      case DOOMED -> submitter.submit(LedgerTasks::doomed, call.a(), null);
    };
  }

  /** The calls whose submission became durable, by task id. */
  Map<TaskId, Call> submitted() {
    return Map.copyOf(submitted);
  }

  /** Submission attempts that failed and were tried again. */
  int failedSubmitAttempts() {
    return failedSubmitAttempts.get();
  }

  /** Calls never made durable within the patience. */
  int givenUp() {
    return givenUp.get();
  }

  int size() {
    return calls.size();
  }
}
