package dev.celeriac.broker.kafka.internal;

import dev.celeriac.api.spi.BrokerException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets a share group's configuration before its first consumer joins: start from the earliest
 * record, an acquisition lock as long as the subscription asks for (within the broker's bounds),
 * the highest delivery count limit the broker allows, so the worker, not Kafka, decides when a
 * message that keeps failing is dead, and the most acquired records per partition the broker allows
 * ({@code share.partition.max.record.locks}; Kafka's default of 2,000 would cap what a worker with
 * a high concurrency holds from a few partitions). Thread-safe.
 */
public final class ShareGroupConfigurer {
  private static final Logger log = LoggerFactory.getLogger(ShareGroupConfigurer.class);

  private final Admin admin;
  private final Duration timeout;
  private volatile @Nullable ShareGroupBounds bounds;

  /** Configures groups through {@code admin}, waiting at most {@code timeout} per call. */
  public ShareGroupConfigurer(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /**
   * Sets the configuration of {@code group}.
   *
   * @return the acquisition lock in milliseconds the group got
   * @throws BrokerException if Kafka refused the configuration or did not answer in time
   */
  public long configure(String group, Duration lockDuration) {
    ShareGroupBounds limits = bounds();
    long lockMs = limits.clampLock(lockDuration);
    if (lockMs != lockDuration.toMillis()) {
      log.warn(
          "share group {}: lock duration {} is outside the broker's bounds [{} ms, {} ms]; using {} ms",
          group,
          lockDuration,
          limits.minLockMs(),
          limits.maxLockMs(),
          lockMs);
    }
    var resource = new ConfigResource(ConfigResource.Type.GROUP, group);
    List<AlterConfigOp> ops =
        List.of(
            set("share.auto.offset.reset", "earliest"),
            set("share.record.lock.duration.ms", Long.toString(lockMs)),
            set("share.delivery.count.limit", Integer.toString(limits.maxDeliveryCountLimit())),
            set(
                "share.partition.max.record.locks",
                Integer.toString(limits.maxPartitionRecordLocks())));
    await(
        "configure share group " + group,
        admin.incrementalAlterConfigs(Map.of(resource, ops)).all());
    awaitApplied(
        resource,
        Map.of(
            "share.auto.offset.reset",
            "earliest",
            "share.record.lock.duration.ms",
            Long.toString(lockMs),
            "share.partition.max.record.locks",
            Integer.toString(limits.maxPartitionRecordLocks())));
    return lockMs;
  }

  /**
   * The most records of one partition a group configured here may have acquired at once: the
   * broker's {@code group.share.max.partition.max.record.locks}, as far as this client can read it.
   */
  public int partitionRecordLocks() {
    return bounds().maxPartitionRecordLocks();
  }

  /**
   * Waits until the broker serves the new group configuration. Kafka acknowledges the change once
   * the controller committed it, but the broker applies it from its metadata log a moment later; a
   * consumer that joined in between would start the group at the latest offset and never see the
   * tasks already queued. There is no notification for this, so the configuration is re-read with a
   * short, growing pause, bounded by the timeout.
   */
  private void awaitApplied(ConfigResource resource, Map<String, String> expected) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pauseMs = 10;
    while (true) {
      Config config =
          await("describe " + resource, admin.describeConfigs(List.of(resource)).all())
              .get(resource);
      if (config != null && applied(config, expected)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new BrokerException(
            "Kafka accepted the configuration of "
                + resource
                + " but did not apply it within "
                + timeout);
      }
      try {
        Thread.sleep(pauseMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BrokerException("interrupted while waiting for " + resource, e);
      }
      pauseMs = Math.min(pauseMs * 2, 200);
    }
  }

  private static boolean applied(Config config, Map<String, String> expected) {
    for (var entry : expected.entrySet()) {
      ConfigEntry actual = config.get(entry.getKey());
      if (actual == null || !entry.getValue().equals(actual.value())) {
        return false;
      }
    }
    return true;
  }

  private ShareGroupBounds bounds() {
    ShareGroupBounds known = bounds;
    if (known == null) {
      known = readBounds();
      bounds = known;
    }
    return known;
  }

  private ShareGroupBounds readBounds() {
    var nodes = await("describe the cluster", admin.describeCluster().nodes());
    if (nodes.isEmpty()) {
      throw new BrokerException("the Kafka cluster reported no brokers");
    }
    Node node = nodes.iterator().next();
    var resource = new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(node.id()));
    try {
      Config config =
          await("describe broker " + node.id(), admin.describeConfigs(List.of(resource)).all())
              .get(resource);
      Map<String, String> values = new HashMap<>();
      for (ConfigEntry entry : config.entries()) {
        if (entry.value() != null) {
          values.put(entry.name(), entry.value());
        }
      }
      return ShareGroupBounds.of(values);
    } catch (BrokerException e) {
      // Describing broker configs needs DESCRIBE_CONFIGS on the cluster, which a worker's
      // principal may lack; Kafka's defaults are then the best guess of the bounds.
      log.warn(
          "cannot read share-group bounds from the broker ({}); assuming Kafka's defaults",
          e.getMessage());
      return ShareGroupBounds.KAFKA_DEFAULTS;
    }
  }

  private static AlterConfigOp set(String name, String value) {
    return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
  }

  private <T> T await(String what, KafkaFuture<T> future) {
    return AdminCalls.await(what, future, timeout);
  }
}
