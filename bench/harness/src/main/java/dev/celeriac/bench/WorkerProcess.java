package dev.celeriac.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link BenchWorkerMain} in a JVM of its own, started with this JVM's class path. A reader
 * thread copies its output to {@code <out>/workers/<id>.log} and follows its ready and statistics
 * lines; its memory comes from {@code /proc/<pid>/status}.
 */
final class WorkerProcess implements AutoCloseable {
  /** The worker JVM's options: a heap bound well above the 1 GiB target, the default collector. */
  static final List<String> JVM_OPTIONS = List.of("-Xmx2g", "--enable-native-access=ALL-UNNAMED");

  /** Worker processes not yet closed, so an interrupted run can stop them on its way out. */
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  private final Process process;
  private final long spawnedAt;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final AtomicLong readyAt = new AtomicLong();
  private final AtomicLong heapUsed = new AtomicLong(-1);
  private final AtomicLong heapPeak = new AtomicLong(-1);
  private final AtomicInteger mostInFlight = new AtomicInteger();

  private WorkerProcess(Process process, long spawnedAt, Path log) {
    this.process = process;
    this.spawnedAt = spawnedAt;
    Thread.ofPlatform().daemon().name("bench-worker-output").start(() -> follow(log));
  }

  /** What a worker process is told. */
  record Settings(
      String workerId,
      String brokerUrl,
      String dbUrl,
      String queue,
      String group,
      int concurrency,
      boolean delayedDispatch) {}

  /** Spawns a worker with {@code settings}; its output goes under {@code out/workers}. */
  static WorkerProcess start(Settings settings, Path out) throws IOException {
    Path logs = Files.createDirectories(out.resolve("workers"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            BenchWorkerMain.class.getName(),
            "--broker",
            settings.brokerUrl(),
            "--db",
            settings.dbUrl(),
            "--queue",
            settings.queue(),
            "--group",
            settings.group(),
            "--concurrency",
            Integer.toString(settings.concurrency()),
            "--worker-id",
            settings.workerId(),
            "--delayed-dispatch",
            settings.delayedDispatch() ? "on" : "off"));
    long spawnedAt = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    LIVE.add(process);
    return new WorkerProcess(process, spawnedAt, logs.resolve(settings.workerId() + ".log"));
  }

  private void follow(Path log) {
    try (BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter copy = new PrintWriter(Files.newBufferedWriter(log), true)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.equals(BenchWorkerMain.READY)) {
          readyAt.set(System.nanoTime());
          ready.countDown();
        } else if (line.startsWith(BenchWorkerMain.STATS)) {
          readStats(line);
          continue;
        }
        copy.println(line);
      }
    } catch (IOException e) {
      // The process ended; what it printed is in the log.
    }
  }

  private void readStats(String line) {
    for (String field : line.substring(BenchWorkerMain.STATS.length()).trim().split(" ")) {
      String[] pair = field.split("=", 2);
      long value = Long.parseLong(pair[1]);
      switch (pair[0]) {
        case "heapUsed" -> heapUsed.set(value);
        case "heapPeak" -> heapPeak.set(value);
        case "inFlight" -> mostInFlight.accumulateAndGet((int) value, Math::max);
        default -> {}
      }
    }
  }

  /**
   * Waits for the ready line; returns the time from spawning the process to that line.
   *
   * @throws IllegalStateException if the process ended or did not get ready within {@code timeout}
   */
  Duration awaitReady(Duration timeout) throws InterruptedException {
    if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(
          "the worker process "
              + (process.isAlive() ? "was not ready within " + timeout : "exited early")
              + "; see its log under workers/");
    }
    return Duration.ofNanos(readyAt.get() - spawnedAt);
  }

  /** Heap in use at the last statistics line, in bytes; -1 before the first. */
  long heapUsed() {
    return heapUsed.get();
  }

  /** The most heap in use the worker saw, in bytes; -1 before the first statistics line. */
  long heapPeak() {
    return heapPeak.get();
  }

  /** The most tasks in flight at once any statistics line showed. */
  int mostInFlight() {
    return mostInFlight.get();
  }

  /** Resident memory now ({@code VmRSS}), in bytes; empty where /proc cannot tell. */
  OptionalLong rss() {
    return procStatus("VmRSS:");
  }

  /** The most resident memory the process had ({@code VmHWM}), in bytes. */
  OptionalLong peakRss() {
    return procStatus("VmHWM:");
  }

  private OptionalLong procStatus(String key) {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith(key)) {
          String kilobytes = line.substring(key.length()).trim().split("\\s+")[0];
          return OptionalLong.of(Long.parseLong(kilobytes) * 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // No /proc (not Linux) or the process is gone.
    }
    return OptionalLong.empty();
  }

  /** SIGTERM, then SIGKILL if it has not exited within 15 s. */
  @Override
  public void close() throws InterruptedException {
    try {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
      LIVE.remove(process);
    }
  }

  /** Kills every worker process not closed yet; for a run that is stopped half way. */
  static void killAll() {
    LIVE.forEach(Process::destroyForcibly);
    LIVE.clear();
  }
}
