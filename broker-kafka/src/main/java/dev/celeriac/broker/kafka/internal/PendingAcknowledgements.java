package dev.celeriac.broker.kafka.internal;

import dev.celeriac.api.spi.BrokerException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.AcknowledgementCommitCallback;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.jspecify.annotations.Nullable;

/**
 * The settlements a share consumer has acknowledged and not yet seen committed. Each one's future
 * completes from the acknowledgement commit callback, or from the result of {@code commitSync} for
 * its partition when the callback did not report it. Used only on the share consumer's thread (the
 * callback runs there too).
 */
final class PendingAcknowledgements implements AcknowledgementCommitCallback {
  private final Map<RecordKey, Settlement> pending = new HashMap<>();
  private final Consumer<RecordKey> onFinished;

  /** Tells {@code onFinished} about each record whose settlement is over, committed or not. */
  PendingAcknowledgements(Consumer<RecordKey> onFinished) {
    this.onFinished = onFinished;
  }

  void add(Settlement settlement) {
    pending.put(settlement.delivery().key(), settlement);
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }

  boolean contains(RecordKey key) {
    return pending.containsKey(key);
  }

  @Override
  public void onComplete(Map<TopicIdPartition, Set<Long>> offsets, @Nullable Exception error) {
    offsets.forEach(
        (partition, committed) -> {
          for (long offset : committed) {
            Settlement settlement =
                pending.get(new RecordKey(partition.topic(), partition.partition(), offset));
            if (settlement != null) {
              finish(settlement, error);
            }
          }
        });
  }

  /** Completes what the callback did not, from the per-partition results of {@code commitSync}. */
  void completeFromResults(Map<TopicIdPartition, Optional<KafkaException>> results) {
    for (Settlement settlement : List.copyOf(pending.values())) {
      RecordKey key = settlement.delivery().key();
      Optional<KafkaException> result =
          results.entrySet().stream()
              .filter(
                  e ->
                      e.getKey().topic().equals(key.topic())
                          && e.getKey().partition() == key.partition())
              .map(Map.Entry::getValue)
              .findFirst()
              .orElseGet(
                  () ->
                      Optional.of(
                          new KafkaException("Kafka returned no acknowledgement result for it")));
      finish(settlement, result.orElse(null));
    }
  }

  /** Fails every pending settlement with {@code error}. */
  void failAll(Exception error) {
    for (Settlement settlement : List.copyOf(pending.values())) {
      finish(settlement, error);
    }
  }

  /** Fails {@code settlement}, whose acknowledgement never reached Kafka, with {@code error}. */
  void fail(Settlement settlement, Exception error) {
    finish(settlement, error);
  }

  private void finish(Settlement settlement, @Nullable Exception error) {
    RecordKey key = settlement.delivery().key();
    pending.remove(key);
    onFinished.accept(key);
    if (error == null) {
      settlement.done().complete(null);
    } else {
      settlement
          .done()
          .completeExceptionally(
              new BrokerException(
                  "Kafka did not commit "
                      + settlement.type().name()
                      + " of "
                      + settlement.delivery()
                      + ": "
                      + error.getMessage(),
                  error));
    }
  }
}
