package dev.celeriac.broker.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class KafkaDeliveryTest {
  private final List<AcknowledgeType> settled = new ArrayList<>();
  private final SettlementSink sink =
      (delivery, type) -> {
        settled.add(type);
        return CompletableFuture.completedFuture(null);
      };

  @Test
  void exposesQueueBodyHeadersTaskIdAndTheBrokersDeliveryCount() {
    TaskId id = TaskId.generate();
    var message = new OutboundMessage("emails", id, "emails.send", 3, bytes("hi"), Map.of());
    var delivery = new KafkaDelivery(record(message, Optional.of((short) 4)), "emails", sink);

    assertThat(delivery.queue()).isEqualTo("emails");
    assertThat(delivery.body()).isEqualTo(bytes("hi"));
    assertThat(delivery.taskId()).isEqualTo(id);
    assertThat(delivery.headers()).containsEntry(OutboundMessage.TASK_HEADER, "emails.send");
    assertThat(delivery.deliveryCount()).isEqualTo(4);
    assertThat(delivery.key()).isEqualTo(new RecordKey("celeriac.emails", 2, 41));
  }

  @Test
  void recordWithoutADeliveryCountCountsAsTheFirstDelivery() {
    var message = new OutboundMessage("q", TaskId.generate(), "t", 0, bytes(""), Map.of());

    assertThat(new KafkaDelivery(record(message, Optional.empty()), "q", sink).deliveryCount())
        .isEqualTo(1);
  }

  @Test
  void ackReleaseAndRejectBecomeAcceptReleaseAndReject() {
    var message = new OutboundMessage("q", TaskId.generate(), "t", 0, bytes(""), Map.of());

    new KafkaDelivery(record(message, Optional.empty()), "q", sink).ack();
    new KafkaDelivery(record(message, Optional.empty()), "q", sink).release();
    new KafkaDelivery(record(message, Optional.empty()), "q", sink).reject();

    assertThat(settled)
        .containsExactly(AcknowledgeType.ACCEPT, AcknowledgeType.RELEASE, AcknowledgeType.REJECT);
  }

  @Test
  void settlingTwiceIsAnIllegalStateAndReachesKafkaOnce() {
    var message = new OutboundMessage("q", TaskId.generate(), "t", 0, bytes(""), Map.of());
    var delivery = new KafkaDelivery(record(message, Optional.empty()), "q", sink);
    delivery.release();

    assertThatThrownBy(delivery::ack)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already settled with RELEASE");
    assertThatThrownBy(delivery::reject).isInstanceOf(IllegalStateException.class);
    assertThat(settled).containsExactly(AcknowledgeType.RELEASE);
  }

  @Test
  void bodyIsACopy() {
    var message = new OutboundMessage("q", TaskId.generate(), "t", 0, bytes("abc"), Map.of());
    var delivery = new KafkaDelivery(record(message, Optional.empty()), "q", sink);

    delivery.body()[0] = 'X';

    assertThat(delivery.body()).isEqualTo(bytes("abc"));
  }

  private static ConsumerRecord<byte[], byte[]> record(
      OutboundMessage message, Optional<Short> deliveryCount) {
    return new ConsumerRecord<>(
        "celeriac." + message.queue(),
        2,
        41,
        0L,
        TimestampType.CREATE_TIME,
        0,
        message.body().length,
        null,
        message.body(),
        MessageHeaders.toRecord(message),
        Optional.empty(),
        deliveryCount);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
