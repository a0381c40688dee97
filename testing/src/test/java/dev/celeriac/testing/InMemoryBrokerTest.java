package dev.celeriac.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.ConsumerOptions;
import dev.celeriac.api.spi.Delivery;
import dev.celeriac.api.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the in-memory broker promises beyond the broker contract: order, prefetch, inspection. */
class InMemoryBrokerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final InMemoryBroker broker = new InMemoryBroker();

  @AfterEach
  void close() {
    broker.close();
  }

  @Test
  void higherPriorityIsDeliveredFirstAndEqualPrioritiesInPublishOrder() {
    OutboundMessage low1 = publish("q", 1);
    OutboundMessage high = publish("q", 9);
    OutboundMessage low2 = publish("q", 1);
    OutboundMessage middle = publish("q", 5);

    List<Delivery> delivered = consumer(Set.of("q"), 10).poll(10, Duration.ZERO);

    assertThat(delivered)
        .extracting(Delivery::taskId)
        .containsExactly(high.id(), middle.id(), low1.id(), low2.id());
    assertThat(broker.queued("q")).isEmpty();
  }

  @Test
  void priorityOrderHoldsAcrossTheQueuesOfOneConsumer() {
    OutboundMessage a = publish("a", 0);
    OutboundMessage b = publish("b", 7);

    List<Delivery> delivered = consumer(Set.of("a", "b"), 10).poll(10, Duration.ZERO);

    assertThat(delivered).extracting(Delivery::taskId).containsExactly(b.id(), a.id());
  }

  @Test
  void releasedMessageKeepsItsPlaceInTheQueue() {
    OutboundMessage first = publish("q", 0);
    OutboundMessage second = publish("q", 0);
    BrokerConsumer consumer = consumer(Set.of("q"), 10);

    consumer.poll(1, Duration.ZERO).getFirst().release();

    assertThat(broker.queued("q"))
        .extracting(OutboundMessage::id)
        .containsExactly(first.id(), second.id());
  }

  @Test
  void consumerNeverHoldsMoreUnsettledDeliveriesThanItsPrefetch() {
    for (int i = 0; i < 5; i++) {
      publish("q", 0);
    }
    BrokerConsumer consumer = consumer(Set.of("q"), 2);

    List<Delivery> first = consumer.poll(10, Duration.ZERO);
    List<Delivery> whileFull = consumer.poll(10, Duration.ZERO);
    first.getFirst().ack();
    List<Delivery> afterAck = consumer.poll(10, Duration.ZERO);

    assertThat(first).hasSize(2);
    assertThat(whileFull).isEmpty();
    assertThat(afterAck).hasSize(1);
    assertThat(broker.inFlight("q")).isEqualTo(2);
    assertThat(broker.depth("q")).isEqualTo(2);
  }

  @Test
  void waitingPollWakesWhenAnotherThreadPublishes() throws Exception {
    BrokerConsumer consumer = consumer(Set.of("q"), 10);

    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var polled = executor.submit(() -> consumer.poll(10, WAIT));
      OutboundMessage sent = publish("q", 0);

      assertThat(polled.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
          .extracting(Delivery::taskId)
          .containsExactly(sent.id());
    }
  }

  @Test
  void closingAConsumerWhileItWaitsEndsThePollEmpty() throws Exception {
    BrokerConsumer consumer = consumer(Set.of("q"), 10);

    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var polled = executor.submit(() -> consumer.poll(10, WAIT));
      consumer.close();

      assertThat(polled.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEmpty();
    }
  }

  @Test
  void rejectedMessagesAreKeptPerQueueWithTheirDeliveryCount() {
    OutboundMessage sent = publish("q", 3);
    BrokerConsumer consumer = consumer(Set.of("q"), 10);
    consumer.poll(1, Duration.ZERO).getFirst().release();

    consumer.poll(1, Duration.ZERO).getFirst().reject();

    assertThat(broker.deadLetters("q")).containsExactly(new RejectedMessage(sent, 2));
    assertThat(broker.deadLetters("other")).isEmpty();
    assertThat(broker.depth("q")).isZero();
    assertThat(broker.inFlight("q")).isZero();
  }

  @Test
  void failingPublishesRefuseMessagesUntilResumed() {
    broker.failPublishes("maintenance");

    CompletableFuture<Void> refused = broker.publish(message("q", 0));
    broker.resumePublishes();
    CompletableFuture<Void> accepted = broker.publish(message("q", 0));

    assertThat(refused)
        .isCompletedExceptionally()
        .failsWithin(WAIT)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(BrokerException.class)
        .withMessageContaining("maintenance");
    assertThat(accepted).isCompletedWithValue(null);
    assertThat(broker.depth("q")).isEqualTo(1);
  }

  @Test
  void deliveryReleasedByItsConsumersCloseCannotBeSettledAnymore() {
    publish("q", 0);
    BrokerConsumer consumer = consumer(Set.of("q"), 10);
    Delivery delivery = consumer.poll(1, Duration.ZERO).getFirst();

    consumer.close();

    assertThatThrownBy(delivery::ack).isInstanceOf(IllegalStateException.class);
    assertThat(broker.depth("q")).isEqualTo(1);
  }

  @Test
  void closedBrokerReleasesItsConsumersDeliveriesAndRefusesNewWork() {
    publish("q", 0);
    BrokerConsumer consumer = consumer(Set.of("q"), 10);
    consumer.poll(1, Duration.ZERO);

    broker.close();

    assertThat(broker.depth("q")).isEqualTo(1);
    assertThat(broker.publish(message("q", 0))).isCompletedExceptionally();
    assertThatThrownBy(() -> consumer.poll(1, Duration.ZERO))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> broker.subscribe(Set.of("q"), ConsumerOptions.defaults(1)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void badArgumentsAreRefusedWithTheirReason() {
    BrokerConsumer consumer = consumer(Set.of("q"), 10);

    assertThatThrownBy(() -> consumer.poll(0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxMessages");
    assertThatThrownBy(() -> consumer.poll(1, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout");
    assertThatThrownBy(() -> broker.subscribe(Set.of(), ConsumerOptions.defaults(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void brokerHeadersWinOverCallerHeadersOfTheSameName() {
    TaskId id = TaskId.generate();
    broker.publish(
        new OutboundMessage(
            "q", id, "t", 0, new byte[] {1}, Map.of(OutboundMessage.ID_HEADER, "forged")));

    Delivery delivery = consumer(Set.of("q"), 10).poll(1, Duration.ZERO).getFirst();

    assertThat(delivery.headers()).containsEntry(OutboundMessage.ID_HEADER, id.toString());
    assertThat(delivery.taskId()).isEqualTo(id);
  }

  private OutboundMessage publish(String queue, int priority) {
    OutboundMessage message = message(queue, priority);
    broker.publish(message).join();
    return message;
  }

  private static OutboundMessage message(String queue, int priority) {
    return new OutboundMessage(
        queue,
        TaskId.generate(),
        "t",
        priority,
        ("p" + priority).getBytes(StandardCharsets.UTF_8),
        Map.of());
  }

  private BrokerConsumer consumer(Set<String> queues, int prefetch) {
    return broker.subscribe(queues, new ConsumerOptions("g", prefetch, Duration.ofSeconds(30)));
  }
}
