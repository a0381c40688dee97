package dev.celeriac.bench;

import dev.celeriac.api.SubmitOptions;
import dev.celeriac.api.TaskHandle;
import dev.celeriac.api.TaskSubmitter;
import dev.celeriac.coordinator.Coordinator;
import dev.celeriac.coordinator.CoordinatorSettings;
import dev.celeriac.coordinator.TaskCatalog;
import dev.celeriac.store.postgres.PostgresMaintenanceStore;
import dev.celeriac.store.postgres.PostgresScheduleStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Scenario 6: eta tasks dispatched by the real {@link Coordinator} (the elected leader on an
 * embedded ZooKeeper) to a worker process that does not dispatch delayed tasks itself. Lateness is
 * the attempt's start time in the store minus the task's eta.
 */
final class DelayedDispatchBench {
  /** Time between the submission of the last task and the first eta, so submitting never lags. */
  private static final Duration LEAD = Duration.ofSeconds(10);

  /** Submissions in flight at once. */
  private static final int SUBMITTERS = 16;

  private DelayedDispatchBench() {}

  private static TaskHandle<?> submitOne(TaskSubmitter submitter, Semaphore slots)
      throws InterruptedException {
    slots.acquire();
    try {
      return submitter.submit(BenchTasks::noop);
    } finally {
      slots.release();
    }
  }

  static void run(BenchContext context, BrokerBench bench, BrokerUnderBench broker, String zk)
      throws Exception {
    int n = context.sizes().delayed();
    Duration spread = context.sizes().delaySpread();
    String queue = broker.newQueue("eta", false);
    Report report = context.report();
    try (Coordinator coordinator =
            Coordinator.builder()
                .zooKeeper(zk)
                .taskStore(bench.store())
                .scheduleStore(PostgresScheduleStore.on(bench.store().dataSource()))
                .maintenanceStore(PostgresMaintenanceStore.on(bench.store().dataSource()))
                .broker(bench.clientBroker())
                .tasks(TaskCatalog.of(BenchTasks.class))
                .settings(
                    CoordinatorSettings.builder().sessionTimeout(Duration.ofSeconds(5)).build())
                .build();
        WorkerProcess worker = bench.worker(queue, false)) {
      coordinator.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!coordinator.isLeader()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the coordinator was not elected within 60 s");
        }
        Thread.sleep(50);
      }
      // Etas counted from after an estimated submission time; checked below.
      Instant first = Instant.now().plus(LEAD);
      Semaphore slots = new Semaphore(SUBMITTERS);
      List<TaskHandle<?>> handles = new ArrayList<>(n);
      try (ExecutorService submitters = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<TaskHandle<?>>> submitted = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          Instant eta = first.plusNanos(spread.toNanos() * i / n);
          TaskSubmitter submitter =
              bench.client().with(SubmitOptions.builder().queue(queue).eta(eta).build());
          submitted.add(submitters.submit(() -> submitOne(submitter, slots)));
        }
        for (Future<TaskHandle<?>> handle : submitted) {
          handles.add(handle.get());
        }
      }
      boolean submittedInTime = Instant.now().isBefore(first);
      for (TaskHandle<?> handle : handles) {
        handle.get(spread.plus(Duration.ofSeconds(90)));
      }
      List<Double> lateness =
          context
              .database()
              .numbers(
                  """
                  SELECT extract(epoch FROM a.started_at - t.eta) * 1000
                    FROM celeriac_attempts a JOIN celeriac_tasks t ON t.id = a.task_id
                   WHERE t.queue = ? AND a.attempt = 1
                  """,
                  queue);
      double[] sorted = lateness.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      String note =
          n
              + " tasks, etas spread over "
              + spread.toSeconds()
              + " s, "
              + sorted.length
              + " attempts"
              + (submittedInTime ? "" : "; submitting took past the first eta");
      String label = broker.label();
      report.add(
          Scenario.DELAYED,
          label,
          "lateness p50",
          "ms",
          List.of(Summary.quantile(sorted, 0.5)),
          note);
      report.add(
          Scenario.DELAYED, label, "lateness p99", "ms", List.of(Summary.quantile(sorted, 0.99)));
      report.add(Scenario.DELAYED, label, "lateness max", "ms", List.of(sorted[sorted.length - 1]));
    }
  }
}
