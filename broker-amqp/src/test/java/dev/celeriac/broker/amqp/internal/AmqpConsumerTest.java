package dev.celeriac.broker.amqp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.Delivery;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.broker.amqp.StaleDeliveryException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AmqpConsumerTest {
  private final FakeChannel fake = new FakeChannel();
  private final AmqpConsumer consumer;
  private long nextTag = 1;

  AmqpConsumerTest() throws IOException {
    consumer = AmqpConsumer.start(fake.channel, Set.of("emails"), 10, "workers");
  }

  @Test
  void subscribesEachQueueWithManualAcknowledgementAndTheGroupInItsConsumerTag() {
    assertThat(fake.consumers).containsOnlyKeys("emails");
  }

  @Test
  void pollNeverReturnsMoreThanAskedForAndKeepsTheRestForTheNextPoll() {
    for (int i = 0; i < 5; i++) {
      deliver(Map.of(), false);
    }

    assertThat(consumer.poll(3, Duration.ZERO)).hasSize(3);
    assertThat(consumer.poll(3, Duration.ZERO)).hasSize(2);
    assertThat(consumer.poll(3, Duration.ofMillis(10))).isEmpty();
  }

  @Test
  void settlementsMapToAckNackWithRequeueAndRejectWithoutRequeue() {
    deliver(Map.of(), false);
    deliver(Map.of(), false);
    deliver(Map.of(), false);
    List<Delivery> received = consumer.poll(3, Duration.ZERO);

    received.get(0).ack().join();
    received.get(1).release().join();
    received.get(2).reject().join();

    assertThat(fake.settlements).containsExactly("basicAck 1", "basicNack 2", "basicReject 3");
  }

  @Test
  void settlingTwiceThrowsIllegalStateAndSendsNothing() {
    deliver(Map.of(), false);
    Delivery delivery = consumer.poll(1, Duration.ZERO).getFirst();
    delivery.ack().join();

    assertThatThrownBy(delivery::release)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already settled (ACK)");
    assertThat(fake.settlements).containsExactly("basicAck 1");
  }

  @Test
  void deliveryCountComesFromTheQuorumQueueHeaderOrTheRedeliveredFlag() {
    deliver(Map.of(), false);
    deliver(Map.of("x-delivery-count", 2L), true);
    deliver(Map.of(), true);

    assertThat(consumer.poll(3, Duration.ZERO))
        .extracting(Delivery::deliveryCount)
        .containsExactly(1, 3, 2);
  }

  @Test
  void deliveryReceivedBeforeALostConnectionFailsToSettleWithAStaleDeliveryException() {
    deliver(Map.of(), false);
    Delivery before = consumer.poll(1, Duration.ZERO).getFirst();

    fake.loseConnection();
    fake.recover();

    assertThat(before.ack().exceptionNow())
        .isInstanceOf(StaleDeliveryException.class)
        .hasMessageContaining("connection to RabbitMQ was lost")
        .hasMessageContaining("deliver it again");
    assertThat(fake.settlements).isEmpty();
  }

  @Test
  void deliveriesBufferedBeforeALostConnectionAreNotHandedOut() {
    deliver(Map.of(), false);
    fake.loseConnection();
    fake.recover();
    deliver(Map.of(), true);

    List<Delivery> received = consumer.poll(10, Duration.ZERO);

    assertThat(received).hasSize(1);
    received.getFirst().ack().join();
    assertThat(fake.settlements).containsExactly("basicAck 2");
  }

  @Test
  void closedConsumerRefusesPollsAndItsDeliveriesCannotBeSettled() {
    deliver(Map.of(), false);
    Delivery unsettled = consumer.poll(1, Duration.ZERO).getFirst();

    consumer.close();
    consumer.close();

    assertThatThrownBy(() -> consumer.poll(1, Duration.ZERO))
        .isInstanceOf(IllegalStateException.class);
    assertThat(unsettled.ack().exceptionNow())
        .isInstanceOf(StaleDeliveryException.class)
        .hasMessageContaining("consumer was closed");
  }

  @Test
  void cancellationByTheBrokerIsReportedByTheNextPoll() throws IOException {
    fake.consumers.get("emails").handleCancel("tag");

    assertThatThrownBy(() -> consumer.poll(1, Duration.ZERO))
        .isInstanceOf(BrokerException.class)
        .hasMessageContaining("'emails'");
  }

  @Test
  void channelClosedByTheBrokerForAnErrorIsReportedByTheNextPoll() {
    fake.failChannel(406, "PRECONDITION_FAILED - delivery acknowledgement timed out");

    assertThatThrownBy(() -> consumer.poll(1, Duration.ZERO))
        .isInstanceOf(BrokerException.class)
        .hasMessageContaining("delivery acknowledgement timed out")
        .hasMessageContaining("subscribe again");
  }

  @Test
  void lostConnectionIsNotAnErrorOfTheConsumerBecauseItRecovers() {
    fake.loseConnection();
    fake.recover();

    assertThat(consumer.poll(1, Duration.ZERO)).isEmpty();
  }

  @Test
  void headersArriveAsTextWithoutTablesOrTheInternalPublishSequence() {
    TaskId id = TaskId.generate();
    deliver(
        Map.of(
            OutboundMessage.ID_HEADER,
            id.toString(),
            "celeriac-publish-seq",
            "17",
            "x-death",
            List.of(Map.of("reason", "rejected")),
            "attempt",
            2),
        false);

    Delivery delivery = consumer.poll(1, Duration.ZERO).getFirst();

    assertThat(delivery.headers())
        .containsOnly(
            Map.entry(OutboundMessage.ID_HEADER, id.toString()), Map.entry("attempt", "2"));
    assertThat(delivery.taskId()).isEqualTo(id);
  }

  private void deliver(Map<String, Object> headers, boolean redelivered) {
    try {
      fake.consumers
          .get("emails")
          .handleDelivery(
              "tag",
              new Envelope(nextTag++, redelivered, "celeriac", "emails"),
              new AMQP.BasicProperties.Builder().headers(headers).build(),
              new byte[] {1});
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
