package dev.celeriac.embedded.internal;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The configuration of a single-node KRaft server (broker and controller in one process) with share
 * groups usable at once: every internal topic has replication factor 1, and the share-group timers
 * are short so a new consumer gets records within a couple of seconds.
 */
public final class KafkaBrokerProperties {
  /** The node id of the single node; also its controller id. */
  public static final int NODE_ID = 1;

  /** The name of the controller listener. */
  public static final String CONTROLLER_LISTENER = "CONTROLLER";

  private KafkaBrokerProperties() {}

  /** The properties for a node keeping its logs and metadata in {@code dataDirectory}. */
  public static Properties of(Path dataDirectory, int brokerPort, int controllerPort) {
    return of(dataDirectory, brokerPort, controllerPort, brokerPort);
  }

  /**
   * The properties for a node that tells clients to connect to {@code advertisedPort} on 127.0.0.1
   * instead of its own broker port (a proxy in front of it).
   */
  public static Properties of(
      Path dataDirectory, int brokerPort, int controllerPort, int advertisedPort) {
    var p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:"
            + brokerPort
            + ","
            + CONTROLLER_LISTENER
            + "://127.0.0.1:"
            + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + advertisedPort);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dataDirectory.toString());
    p.put("metadata.log.dir", dataDirectory.toString());
    singleReplicaInternalTopics(p);
    fastShareGroups(p);
    smallFootprint(p);
    return p;
  }

  private static void singleReplicaInternalTopics(Properties p) {
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    // Required on one broker: with the defaults (3 and 2) __share_group_state cannot be created
    // and share consumers silently receive nothing (STACK.md item 2).
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("share.coordinator.state.topic.num.partitions", "1");
  }

  private static void fastShareGroups(Properties p) {
    p.put("group.initial.rebalance.delay.ms", "0");
    // Lets groups use acquisition locks down to 1 s (broker default floor 15 s), so tests of
    // redelivery after a lost consumer finish quickly.
    p.put("group.share.min.record.lock.duration.ms", "1000");
    // With the default 5 s heartbeat a new share consumer waits 5-6 s for its first records.
    p.put("group.share.heartbeat.interval.ms", "500");
    p.put("group.share.min.heartbeat.interval.ms", "500");
    p.put("group.share.assignment.interval.ms", "100");
  }

  private static void smallFootprint(Properties p) {
    // The log cleaner allocates its dedupe buffer (default 128 MiB) up front; a dev node needs
    // little.
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
  }
}
