package dev.celeriac.api.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How much work waits in one queue, as {@link QueueInspector#queueDepth} tells it: the number of
 * messages, and on a partitioned broker (Kafka) the lag of each partition.
 *
 * @param messages messages waiting; on Kafka, records not yet acknowledged by the consumer group
 *     (those delivered and in flight count too, since Kafka tells only where the group's
 *     acknowledged range starts)
 * @param partitions each partition's offsets and lag, by partition number; empty for a broker
 *     without partitions
 */
public record QueueDepth(long messages, List<PartitionLag> partitions) {
  /** Validates the fields and copies the list. */
  public QueueDepth {
    if (messages < 0) {
      throw new IllegalArgumentException("messages must be >= 0, was " + messages);
    }
    partitions = List.copyOf(requireNonNull(partitions, "partitions"));
  }

  /** A depth without partitions. */
  public static QueueDepth of(long messages) {
    return new QueueDepth(messages, List.of());
  }

  /**
   * One partition of a queue on a partitioned broker.
   *
   * @param partition the partition number
   * @param startOffset where the consumer group's unacknowledged records start (its share-partition
   *     start offset; the log start when the group has no state for the partition yet)
   * @param endOffset the offset the next record will get
   * @param lag the records from {@code startOffset} on that the group has not acknowledged
   */
  public record PartitionLag(int partition, long startOffset, long endOffset, long lag) {
    /** Validates the fields. */
    public PartitionLag {
      if (partition < 0 || startOffset < 0 || endOffset < 0 || lag < 0) {
        throw new IllegalArgumentException(
            "partition, offsets and lag must be >= 0, were "
                + partition
                + ", "
                + startOffset
                + ", "
                + endOffset
                + ", "
                + lag);
      }
    }
  }
}
