package dev.celeriac.bench;

import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.BrokerFactory;
import dev.celeriac.api.spi.StoreFactory;
import dev.celeriac.api.spi.TaskStore;
import dev.celeriac.worker.DelayedDispatch;
import dev.celeriac.worker.TaskRegistry;
import dev.celeriac.worker.Worker;
import dev.celeriac.worker.WorkerConfig;
import dev.celeriac.worker.WorkerStats;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker process the harness measures: a real {@link Worker} of {@link BenchTasks} on one
 * queue, with the broker and store found through their factories, as {@code celeriac worker} does.
 * Unlike {@code WorkerMain} it tells the harness what it needs on standard output:
 *
 * <pre>
 * BENCH-READY                         once the worker consumes
 * BENCH-STATS heapUsed=… heapPeak=… inFlight=… processed=…   about every 240 ms
 * </pre>
 *
 * {@code heapPeak} is the most heap in use seen by a 20 ms sampler since start. Arguments: {@code
 * --broker URL --db URL --queue NAME --group NAME --concurrency N --worker-id ID --delayed-dispatch
 * on|off}. SIGTERM drains the worker for up to 2 s and exits.
 */
public final class BenchWorkerMain {
  /** The line printed once the worker consumes. */
  public static final String READY = "BENCH-READY";

  /** The prefix of the periodic statistics line. */
  public static final String STATS = "BENCH-STATS";

  private static final Duration SAMPLE_EVERY = Duration.ofMillis(20);
  private static final int SAMPLES_PER_LINE = 12;

  private BenchWorkerMain() {}

  /** Runs the worker until the process is asked to stop. */
  public static void main(String[] args) throws InterruptedException {
    Map<String, String> options = parse(args);
    TaskStore store = StoreFactory.fromServiceLoader().open(required(options, "db"));
    Broker broker = BrokerFactory.fromServiceLoader().connect(required(options, "broker"));
    Worker worker =
        Worker.builder()
            .config(
                WorkerConfig.builder(required(options, "queue"))
                    .workerId(options.getOrDefault("worker-id", "bench-worker"))
                    .consumerGroup(required(options, "group"))
                    .concurrency(Integer.parseInt(options.getOrDefault("concurrency", "1000")))
                    .delayedDispatch(
                        "off".equals(options.get("delayed-dispatch"))
                            ? DelayedDispatch.DISABLED
                            : DelayedDispatch.ENABLED)
                    .shutdownGrace(Duration.ofSeconds(2))
                    .build())
            .registry(TaskRegistry.builder().register(new BenchTasks()).build())
            .broker(broker)
            .store(store)
            .build();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  worker.drain(Duration.ofSeconds(2));
                  broker.close();
                  store.close();
                }));
    worker.start();
    System.out.println(READY);
    System.out.flush();
    reportForever(worker);
  }

  private static void reportForever(Worker worker) throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    AtomicLong peak = new AtomicLong();
    for (long sample = 0; ; sample++) {
      long used = memory.getHeapMemoryUsage().getUsed();
      peak.accumulateAndGet(used, Math::max);
      if (sample % SAMPLES_PER_LINE == 0) {
        WorkerStats stats = worker.stats();
        System.out.printf(
            "%s heapUsed=%d heapPeak=%d inFlight=%d processed=%d%n",
            STATS, used, peak.get(), stats.inFlight(), stats.processed());
        System.out.flush();
      }
      Thread.sleep(SAMPLE_EVERY);
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }
}
