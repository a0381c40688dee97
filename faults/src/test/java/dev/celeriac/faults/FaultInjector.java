package dev.celeriac.faults;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Strikes the faults of a {@link FaultSchedule} at their times, one after another, on the run's own
 * processes, proxies and servers, and writes down what each did.
 */
final class FaultInjector {
  private static final Logger log = LoggerFactory.getLogger(FaultInjector.class);

  private final Fleet fleet;
  private final FaultDatabase database;
  private final BrokerRig broker;
  private final List<String> journal = new ArrayList<>();
  private final List<Long> takeoverMillis = new ArrayList<>();

  FaultInjector(Fleet fleet, FaultDatabase database, BrokerRig broker) {
    this.fleet = fleet;
    this.database = database;
    this.broker = broker;
  }

  /** Strikes every fault of {@code schedule}, timed from now; returns when the last is undone. */
  void run(FaultSchedule schedule) throws InterruptedException {
    long start = System.nanoTime();
    for (FaultSchedule.Planned fault : schedule.faults()) {
      long wait = start + fault.at().toNanos() - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(Duration.ofNanos(wait));
      }
      long begin = System.nanoTime();
      String what;
      try {
        what = strike(fault);
      } catch (Exception e) {
        what = "could not be struck: " + e;
      }
      String line =
          "%6.1fs %-30s %s (%d ms)"
              .formatted(
                  (begin - start) / 1e9,
                  fault.kind(),
                  what,
                  (System.nanoTime() - begin) / 1_000_000);
      log.info("fault {}", line);
      synchronized (journal) {
        journal.add(line);
      }
    }
  }

  private String strike(FaultSchedule.Planned fault) throws Exception {
    Duration pause = fault.pause();
    return switch (fault.kind()) {
      case KILL_WORKER -> {
        Fleet.Slot slot = worker(fault);
        String victim = slot.kill();
        Thread.sleep(pause);
        slot.fill();
        yield "SIGKILL " + victim + ", replaced after " + pause;
      }
      case STOP_WORKER -> {
        Fleet.Slot slot = worker(fault);
        String victim = slot.terminate(Duration.ofSeconds(20));
        Thread.sleep(pause);
        slot.fill();
        yield "SIGTERM " + victim + ", replaced after " + pause;
      }
      case KILL_LEADER -> killLeader(pause);
      case TERMINATE_DATABASE_CONNECTIONS ->
          "pg_terminate_backend on " + database.terminateConnections() + " connections";
      case RESTART_DATABASE -> {
        database.restart(pause);
        yield "PostgreSQL stopped, started again after " + pause;
      }
      case PAUSE_DATABASE_NETWORK -> {
        database.proxy().pause(pause);
        Thread.sleep(pause);
        yield "network to PostgreSQL paused for " + pause;
      }
      case DROP_BROKER_CONNECTIONS -> {
        broker.proxy().dropAll();
        yield "broker connections dropped";
      }
      case RESTART_BROKER -> {
        String what = broker.restart(pause);
        Thread.sleep(pause);
        yield what;
      }
      case PAUSE_BROKER_NETWORK -> {
        broker.proxy().pause(pause);
        Thread.sleep(pause);
        yield "network to the broker paused for " + pause;
      }
    };
  }

  private Fleet.Slot worker(FaultSchedule.Planned fault) {
    List<Fleet.Slot> workers = fleet.workers();
    return workers.get(fault.pick() % workers.size());
  }

  private String killLeader(Duration pause) throws InterruptedException {
    Optional<Fleet.Slot> leader = fleet.leader();
    if (leader.isEmpty()) {
      return "no coordinator leads at the moment (an election is under way); nothing killed";
    }
    String killedId = fleet.leaderId().orElse("?");
    long killedAt = System.nanoTime();
    String victim = leader.get().kill();
    String takeover;
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> fleet.leaderId().filter(id -> !id.equals(killedId)).isPresent());
      long millis = (System.nanoTime() - killedAt) / 1_000_000;
      synchronized (journal) {
        takeoverMillis.add(millis);
      }
      takeover = "standby " + fleet.leaderId().orElse("?") + " leads after " + millis + " ms";
    } catch (ConditionTimeoutException e) {
      takeover = "no standby took over within 30 s";
    }
    Thread.sleep(pause);
    leader.get().fill();
    return "SIGKILL leader " + victim + "; " + takeover + "; new standby started";
  }

  /** What each fault did, in order. */
  List<String> journal() {
    synchronized (journal) {
      return List.copyOf(journal);
    }
  }

  /** How long each leader kill took until the standby led. */
  List<Long> takeoverMillis() {
    synchronized (journal) {
      return List.copyOf(takeoverMillis);
    }
  }
}
