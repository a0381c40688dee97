package dev.celeriac.broker.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.api.spi.BrokerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidRecordStateException;
import org.junit.jupiter.api.Test;

class PendingAcknowledgementsTest {
  private static final String TOPIC = "celeriac.q";
  private static final Uuid TOPIC_ID = Uuid.randomUuid();

  private final List<RecordKey> finished = new ArrayList<>();
  private final PendingAcknowledgements pending = new PendingAcknowledgements(finished::add);

  @Test
  void commitCallbackCompletesTheSettlementsOfTheCommittedOffsets() {
    Settlement first = settlement(0, 10);
    Settlement second = settlement(0, 11);
    Settlement elsewhere = settlement(1, 10);
    List.of(first, second, elsewhere).forEach(pending::add);

    pending.onComplete(Map.of(partition(0), Set.of(10L, 11L)), null);

    assertThat(first.done()).isCompletedWithValue(null);
    assertThat(second.done()).isCompletedWithValue(null);
    assertThat(elsewhere.done()).isNotDone();
    assertThat(finished)
        .containsExactlyInAnyOrder(new RecordKey(TOPIC, 0, 10), new RecordKey(TOPIC, 0, 11));
    assertThat(pending.contains(new RecordKey(TOPIC, 1, 10))).isTrue();
  }

  @Test
  void commitCallbackWithAnErrorFailsTheSettlementWithABrokerException() {
    Settlement late = settlement(0, 10);
    pending.add(late);

    pending.onComplete(
        Map.of(partition(0), Set.of(10L)), new InvalidRecordStateException("lock expired"));

    assertThat(failure(late))
        .isInstanceOf(BrokerException.class)
        .hasMessageContaining("ACCEPT")
        .hasMessageContaining("lock expired");
    assertThat(pending.isEmpty()).isTrue();
  }

  @Test
  void settlementsTheCallbackMissedFollowTheirPartitionsCommitResult() {
    Settlement ok = settlement(0, 1);
    Settlement refused = settlement(1, 1);
    Settlement unreported = settlement(2, 1);
    List.of(ok, refused, unreported).forEach(pending::add);

    pending.completeFromResults(
        Map.of(
            partition(0), Optional.empty(),
            partition(1), Optional.of(new InvalidRecordStateException("not acquired"))));

    assertThat(ok.done()).isCompletedWithValue(null);
    assertThat(failure(refused)).hasMessageContaining("not acquired");
    assertThat(failure(unreported)).hasMessageContaining("no acknowledgement result");
    assertThat(finished).hasSize(3);
    assertThat(pending.isEmpty()).isTrue();
  }

  @Test
  void failingAllEndsEveryPendingSettlement() {
    Settlement a = settlement(0, 1);
    Settlement b = settlement(0, 2);
    pending.add(a);
    pending.add(b);

    pending.failAll(new KafkaException("commit timed out"));

    assertThat(failure(a)).hasMessageContaining("commit timed out");
    assertThat(failure(b)).hasMessageContaining("commit timed out");
    assertThat(finished).hasSize(2);
  }

  private static TopicIdPartition partition(int partition) {
    return new TopicIdPartition(TOPIC_ID, partition, TOPIC);
  }

  private static Settlement settlement(int partition, long offset) {
    var record = new ConsumerRecord<byte[], byte[]>(TOPIC, partition, offset, null, new byte[0]);
    var delivery =
        new KafkaDelivery(record, "q", (d, t) -> CompletableFuture.completedFuture(null));
    return new Settlement(delivery, AcknowledgeType.ACCEPT, new CompletableFuture<>());
  }

  private static Throwable failure(Settlement settlement) {
    assertThat(settlement.done()).isCompletedExceptionally();
    try {
      settlement.done().join();
      throw new AssertionError("not failed");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }
}
