package dev.celeriac.broker.kafka.internal;

import dev.celeriac.api.spi.BrokerException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a queue's topic exists before it is used: creates it with the configured partitions
 * and replication factor when missing, and uses an existing topic as it is. Remembers the topics it
 * has seen, so only a queue's first use costs a round trip. Thread-safe.
 */
public final class TopicProvisioner {
  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

  private final Admin admin;
  private final int partitions;
  private final @Nullable Short replicationFactor;
  private final Duration timeout;
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  /** Creates missing topics through {@code admin}, waiting at most {@code timeout} per call. */
  public TopicProvisioner(
      Admin admin, int partitions, @Nullable Short replicationFactor, Duration timeout) {
    this.admin = admin;
    this.partitions = partitions;
    this.replicationFactor = replicationFactor;
    this.timeout = timeout;
  }

  /**
   * Ensures {@code topic} exists; blocks at most the timeout on a topic not seen before.
   *
   * @throws BrokerException if Kafka refused to create it or did not answer in time
   */
  public void ensure(String topic) {
    if (known.contains(topic)) {
      return;
    }
    NewTopic newTopic =
        new NewTopic(topic, Optional.of(partitions), Optional.ofNullable(replicationFactor));
    var options = new CreateTopicsOptions().timeoutMs((int) timeout.toMillis());
    try {
      admin
          .createTopics(List.of(newTopic), options)
          .all()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      log.info("created topic {} with {} partitions", topic, partitions);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new BrokerException(
            "Kafka did not create topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
      }
    } catch (TimeoutException e) {
      throw new BrokerException(
          "Kafka did not answer within " + timeout + " when creating topic " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerException("interrupted while creating topic " + topic, e);
    }
    known.add(topic);
  }

  /**
   * How many partitions {@code topics} have together, as Kafka describes them now.
   *
   * @throws BrokerException if Kafka cannot describe them or did not answer in time
   */
  public int partitionsOf(Set<String> topics) {
    try {
      Map<String, TopicDescription> described =
          admin
              .describeTopics(topics)
              .allTopicNames()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return described.values().stream().mapToInt(d -> d.partitions().size()).sum();
    } catch (ExecutionException e) {
      throw new BrokerException(
          "Kafka did not describe topics " + topics + ": " + e.getCause().getMessage(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new BrokerException(
          "Kafka did not answer within " + timeout + " when describing topics " + topics, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerException("interrupted while describing topics " + topics, e);
    }
  }
}
