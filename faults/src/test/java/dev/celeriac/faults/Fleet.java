package dev.celeriac.faults;

import dev.celeriac.coordinator.CoordinatorMain;
import dev.celeriac.worker.WorkerMain;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes of one ledger run: a few workers ({@code WorkerMain}) and two coordinators ({@code
 * CoordinatorMain}, leader and standby), each in a slot that a supervisor keeps filled. A fault
 * empties a slot on purpose (kill or stop) and fills it again after a pause; a process that exits
 * by itself (it could not reach the database at start, say) is replaced as well.
 */
final class Fleet implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Fleet.class);

  /** What the fleet's processes connect to. */
  record Settings(
      String runId,
      String queue,
      String brokerUrl,
      String databaseUrl,
      String executionsUrl,
      String zooKeeper,
      int workers,
      int concurrency) {
    String electionPath() {
      return "/celeriac-faults/" + runId;
    }
  }

  private final Settings settings;
  private final List<Slot> workers = new ArrayList<>();
  private final List<Slot> coordinators = new ArrayList<>();
  private final AtomicInteger generation = new AtomicInteger();
  private final CuratorFramework zooKeeper;
  private final Thread supervisor;
  private volatile boolean closed;

  /** Replacements the supervisor made of processes that exited without being told to. */
  final AtomicInteger unexpectedExits = new AtomicInteger();

  Fleet(Settings settings) {
    this.settings = settings;
    for (int i = 1; i <= settings.workers(); i++) {
      int number = i;
      workers.add(new Slot("worker-" + number, () -> startWorker(number)));
    }
    for (int i = 1; i <= 2; i++) {
      int number = i;
      coordinators.add(new Slot("coordinator-" + number, () -> startCoordinator(number)));
    }
    workers.forEach(Slot::fill);
    coordinators.forEach(Slot::fill);
    zooKeeper = CuratorFrameworkFactory.newClient(settings.zooKeeper(), new RetryOneTime(100));
    zooKeeper.start();
    supervisor = Thread.ofPlatform().daemon().name("fleet-supervisor").start(this::supervise);
  }

  private ChildJvm startWorker(int number) {
    String id = settings.runId() + "-worker-" + number + "-g" + generation.incrementAndGet();
    return ChildJvm.start(
        id,
        WorkerMain.class,
        List.of("-D" + LedgerTasks.EXECUTIONS_URL + "=" + settings.executionsUrl()),
        List.of(
            "--broker", settings.brokerUrl(),
            "--db", settings.databaseUrl(),
            "--tasks", LedgerTasks.class.getName(),
            "--queues", settings.queue(),
            "--concurrency", Integer.toString(settings.concurrency()),
            "--grace", "5s",
            "--worker-id", id,
            "--group", "faults-" + settings.runId()));
  }

  private ChildJvm startCoordinator(int number) {
    String id = settings.runId() + "-coordinator-" + number + "-g" + generation.incrementAndGet();
    return ChildJvm.start(
        id,
        CoordinatorMain.class,
        List.of("-Xmx192m"),
        List.of(
            "--zk", settings.zooKeeper(),
            "--db-url", settings.databaseUrl(),
            "--broker-url", settings.brokerUrl(),
            "--tasks", LedgerTasks.class.getName(),
            "--id", id,
            "--session-timeout", "4s",
            "--election-path", settings.electionPath()));
  }

  List<Slot> workers() {
    return workers;
  }

  /** The coordinator leading now, if any: the lowest latch node of the election path. */
  Optional<Slot> leader() {
    Optional<String> id = leaderId();
    return id.flatMap(
        leader ->
            coordinators.stream()
                .filter(slot -> slot.current().map(jvm -> jvm.id.equals(leader)).orElse(false))
                .findFirst());
  }

  /** The id of the coordinator leading now, as ZooKeeper's election nodes say. */
  Optional<String> leaderId() {
    try {
      String path = settings.electionPath();
      if (zooKeeper.checkExists().forPath(path) == null) {
        return Optional.empty();
      }
      Optional<String> first =
          zooKeeper.getChildren().forPath(path).stream()
              .min(Comparator.comparing(node -> node.substring(node.lastIndexOf('-') + 1)));
      if (first.isEmpty()) {
        return Optional.empty();
      }
      byte[] data = zooKeeper.getData().forPath(path + "/" + first.get());
      return Optional.of(new String(data, StandardCharsets.UTF_8));
    } catch (Exception e) {
      return Optional.empty(); // a node vanished between the listing and the read: ask again
    }
  }

  /** Whether every slot holds a live process. */
  boolean allRunning() {
    return workers.stream().allMatch(Slot::isRunning)
        && coordinators.stream().allMatch(Slot::isRunning);
  }

  private void supervise() {
    while (!closed) {
      for (Slot slot : workersAndCoordinators()) {
        slot.replaceIfExited();
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private List<Slot> workersAndCoordinators() {
    List<Slot> all = new ArrayList<>(workers);
    all.addAll(coordinators);
    return all;
  }

  /** What the processes that run now printed last, for a failure message. */
  String tails() {
    StringBuilder out = new StringBuilder();
    for (Slot slot : workersAndCoordinators()) {
      slot.current()
          .ifPresent(jvm -> out.append("--- ").append(jvm.id).append('\n').append(jvm.tail(15)));
      out.append('\n');
    }
    return out.toString();
  }

  @Override
  public void close() {
    closed = true;
    supervisor.interrupt();
    workersAndCoordinators().forEach(Slot::empty);
    zooKeeper.close();
  }

  /** One process place: holds a live process, or is empty on purpose until a fault refills it. */
  final class Slot {
    private final String name;
    private final Supplier<ChildJvm> starter;
    private ChildJvm jvm;
    private boolean heldEmpty;

    Slot(String name, Supplier<ChildJvm> starter) {
      this.name = name;
      this.starter = starter;
    }

    synchronized Optional<ChildJvm> current() {
      return Optional.ofNullable(jvm);
    }

    synchronized boolean isRunning() {
      return jvm != null && jvm.isAlive();
    }

    /** SIGKILL the process and keep the slot empty until {@link #fill()}. */
    synchronized String kill() {
      heldEmpty = true;
      if (jvm == null) {
        return name + " (empty)";
      }
      jvm.kill();
      return jvm.id + " pid " + jvm.pid();
    }

    /** SIGTERM the process (it drains) and keep the slot empty until {@link #fill()}. */
    String terminate(Duration patience) {
      ChildJvm stopping;
      synchronized (this) {
        heldEmpty = true;
        stopping = jvm;
      }
      if (stopping == null) {
        return name + " (empty)";
      }
      stopping.terminate(patience);
      return stopping.id + " pid " + stopping.pid() + " exit " + stopping.exitCode();
    }

    /** Starts a new process here. */
    synchronized void fill() {
      if (closed) {
        return;
      }
      heldEmpty = false;
      jvm = starter.get();
    }

    private synchronized void replaceIfExited() {
      if (closed || heldEmpty || jvm == null || jvm.isAlive()) {
        return;
      }
      log.warn(
          "{} exited by itself with {}; last output:\n{}", jvm.id, jvm.exitCode(), jvm.tail(10));
      unexpectedExits.incrementAndGet();
      fill();
    }

    synchronized void empty() {
      heldEmpty = true;
      if (jvm != null) {
        jvm.close();
      }
    }
  }
}
