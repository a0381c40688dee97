package dev.celeriac.broker.kafka.internal;

import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.QueueDepth;
import dev.celeriac.api.spi.QueueDepth.PartitionLag;
import dev.celeriac.api.spi.QueueInspector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * A queue's depth and lag for one share group, from the Admin client: per partition, the group's
 * unacknowledged records run from its share-partition start offset ({@code listShareGroupOffsets})
 * to the end offset ({@code listOffsets}); Kafka's own lag is used where the broker reports it, as
 * it leaves out records acknowledged beyond the start. A partition the group has no state for yet
 * counts from the log start, since Celeriac's groups start from the earliest record. Four Admin
 * calls per queue, each bounded by {@code timeout}. Thread-safe.
 */
public final class KafkaQueueInspector implements QueueInspector {
  private final Admin admin;
  private final TopicNames names;
  private final String group;
  private final Duration timeout;

  /** Inspects the queues of {@code names} as {@code group} sees them, through {@code admin}. */
  public KafkaQueueInspector(Admin admin, TopicNames names, String group, Duration timeout) {
    this.admin = admin;
    this.names = names;
    this.group = group;
    this.timeout = timeout;
  }

  @Override
  public OptionalLong readyCount(String queue) {
    return queueDepth(queue).map(d -> OptionalLong.of(d.messages())).orElse(OptionalLong.empty());
  }

  /**
   * {@inheritDoc}
   *
   * @throws BrokerException if Kafka does not answer within the timeout or refuses a call
   */
  @Override
  public Optional<QueueDepth> queueDepth(String queue) {
    String topic;
    try {
      topic = names.topicOf(queue);
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // no topic can carry this name, so no such queue
    }
    Optional<TopicDescription> description = describe(topic);
    if (description.isEmpty()) {
      return Optional.empty();
    }
    List<TopicPartition> partitions =
        description.get().partitions().stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(partitions, OffsetSpec.latest());
    Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(partitions, OffsetSpec.earliest());
    Map<TopicPartition, SharePartitionOffsetInfo> group = groupOffsets(partitions);
    List<PartitionLag> lags = new ArrayList<>();
    long messages = 0;
    for (TopicPartition partition : partitions) {
      PartitionLag lag =
          lagOf(partition, starts.get(partition), ends.get(partition), group.get(partition));
      lags.add(lag);
      messages += lag.lag();
    }
    lags.sort(Comparator.comparingInt(PartitionLag::partition));
    return Optional.of(new QueueDepth(messages, lags));
  }

  private static PartitionLag lagOf(
      TopicPartition partition,
      ListOffsetsResultInfo logStart,
      ListOffsetsResultInfo logEnd,
      SharePartitionOffsetInfo groupState) {
    long end = logEnd.offset();
    // Records below the log start were deleted by retention: nobody can consume them any more.
    long start = logStart.offset();
    if (groupState != null && groupState.startOffset() >= 0) {
      start = Math.max(start, groupState.startOffset());
    }
    long lag = Math.max(0, end - start);
    if (groupState != null && groupState.lag().isPresent() && groupState.lag().get() >= 0) {
      lag = Math.min(lag, groupState.lag().get());
    }
    return new PartitionLag(partition.partition(), Math.min(start, end), end, lag);
  }

  private Optional<TopicDescription> describe(String topic) {
    try {
      return Optional.of(
          await("describe topic " + topic, admin.describeTopics(List.of(topic)).allTopicNames())
              .get(topic));
    } catch (BrokerException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private Map<TopicPartition, ListOffsetsResultInfo> offsets(
      List<TopicPartition> partitions, OffsetSpec spec) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(p -> request.put(p, spec));
    return await("list offsets", admin.listOffsets(request).all());
  }

  private Map<TopicPartition, SharePartitionOffsetInfo> groupOffsets(
      List<TopicPartition> partitions) {
    var spec = new ListShareGroupOffsetsSpec().topicPartitions(partitions);
    try {
      Map<TopicPartition, SharePartitionOffsetInfo> offsets =
          await(
              "list the offsets of share group " + group,
              admin.listShareGroupOffsets(Map.of(group, spec)).partitionsToOffsetInfo(group));
      return offsets == null ? Map.of() : offsets;
    } catch (BrokerException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return Map.of(); // no consumer joined yet: every record waits
      }
      throw e;
    }
  }

  private <T> T await(String what, KafkaFuture<T> future) {
    return AdminCalls.await(what, future, timeout);
  }
}
