package dev.celeriac.coordinator.internal;

import java.time.Duration;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on ZooKeeper with Curator's {@link LeaderLatch}. Becoming leader starts a new
 * {@link LeaderTerm}; losing it — the latch says so, or the connection is {@code SUSPENDED} or
 * {@code LOST} — stops the term at once, before ZooKeeper could elect anyone else (a suspended
 * session has not expired yet). Callbacks arrive on Curator's threads; the term is started and
 * stopped there, under this object's lock.
 */
public final class LeaderElection implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

  /**
   * Where and how to elect.
   *
   * @param connectString the ZooKeeper ensemble
   * @param path the latch path shared by the coordinators
   * @param id this participant's id
   * @param sessionTimeout the ZooKeeper session timeout
   * @param connectionTimeout the ZooKeeper connection timeout
   */
  public record Settings(
      String connectString,
      String path,
      String id,
      Duration sessionTimeout,
      Duration connectionTimeout) {}

  private final Settings settings;
  private final Supplier<LeaderTerm> terms;
  private @Nullable CuratorFramework client;
  private @Nullable LeaderLatch latch;
  private @Nullable LeaderTerm term;
  private boolean closed;

  /** An election that starts a term from {@code terms} whenever this participant leads. */
  public LeaderElection(Settings settings, Supplier<LeaderTerm> terms) {
    this.settings = settings;
    this.terms = terms;
  }

  /** Connects and joins the election; returns at once (leadership comes through the latch). */
  public synchronized void start() {
    CuratorFramework curator =
        CuratorFrameworkFactory.builder()
            .connectString(settings.connectString())
            .sessionTimeoutMs((int) settings.sessionTimeout().toMillis())
            // ZooKeeper warns when connecting may take longer than the session lives.
            .connectionTimeoutMs(
                (int)
                    Math.min(
                        settings.connectionTimeout().toMillis(),
                        settings.sessionTimeout().toMillis()))
            .retryPolicy(new ExponentialBackoffRetry(200, 29, 5_000))
            .build();
    curator.getConnectionStateListenable().addListener((c, state) -> onConnectionState(state));
    curator.start();
    LeaderLatch leaderLatch = new LeaderLatch(curator, settings.path(), settings.id());
    leaderLatch.addListener(
        new LeaderLatchListener() {
          @Override
          public void isLeader() {
            take();
          }

          @Override
          public void notLeader() {
            lose("the latch gave up leadership");
          }
        });
    try {
      leaderLatch.start();
    } catch (Exception e) {
      curator.close();
      throw new IllegalStateException("cannot join the election at " + settings.path(), e);
    }
    client = curator;
    latch = leaderLatch;
  }

  private void onConnectionState(ConnectionState state) {
    if (state == ConnectionState.SUSPENDED || state == ConnectionState.LOST) {
      lose("the ZooKeeper connection is " + state);
    }
  }

  private synchronized void take() {
    if (closed || (term != null && term.isActive())) {
      return;
    }
    log.info("coordinator {} is the leader", settings.id());
    LeaderTerm next = terms.get();
    term = next;
    next.start();
  }

  private synchronized void lose(String why) {
    LeaderTerm ending = term;
    term = null;
    if (ending != null) {
      if (closed) {
        log.info("coordinator {} stops leading: {}", settings.id(), why);
      } else {
        log.warn("coordinator {} stops leading: {}", settings.id(), why);
      }
      ending.stop();
    }
  }

  /** Whether this participant leads and its loops run. */
  public synchronized boolean isLeader() {
    LeaderLatch current = latch;
    return term != null && term.isActive() && current != null && current.hasLeadership();
  }

  /** Stops the loops, leaves the election and closes the connection. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    lose("the coordinator is closing");
    try {
      if (latch != null) {
        latch.close(LeaderLatch.CloseMode.SILENT);
      }
    } catch (Exception e) {
      log.warn("leaving the election failed; the session's end releases it", e);
    } finally {
      if (client != null) {
        client.close();
      }
    }
  }
}
