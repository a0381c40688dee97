package dev.celeriac.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.ConsumerOptions;
import dev.celeriac.api.spi.Delivery;
import dev.celeriac.api.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Broker} keeps (STYLE rule 4): publish and consume, acknowledgement,
 * redelivery after a consumer dies, release, dead-lettering, concurrency without duplicates,
 * back-pressure and clean shutdown. An implementation's test extends this class and returns a new
 * broker from {@link #newBroker()}; each test uses its own queue and consumer group, so a real
 * broker may be shared by all tests.
 *
 * <p>The tests never sleep and make no timing assertions: they wait for deliveries with {@link
 * #patience()} as the upper bound, and prove that something is <em>not</em> delivered by polling
 * for {@link #silence()}. Both can be tuned for slow brokers.
 */
public abstract class BrokerContractTest {
  private final List<AutoCloseable> closeAfterTest =
      Collections.synchronizedList(new ArrayList<>());
  private Broker broker;
  private String queue;
  private String group;

  /** A new broker, connected and ready; the suite closes it after each test. */
  protected abstract Broker newBroker();

  /**
   * A queue name no other test uses. Defaults to {@code contract-} and a random suffix, which is a
   * valid Kafka topic and RabbitMQ queue name.
   */
  protected String newQueueName() {
    return "contract-" + UUID.randomUUID().toString().substring(0, 13);
  }

  /** The longest any expected delivery or publish confirmation may take. Defaults to 60 s. */
  protected Duration patience() {
    return Duration.ofSeconds(60);
  }

  /**
   * How long a consumer polls to conclude that a message is not coming back. Defaults to 3 s;
   * brokers that hand messages back only after a lock expires need at least that lock.
   */
  protected Duration silence() {
    return Duration.ofSeconds(3);
  }

  /** The options of every consumer the suite opens, in this test's own consumer group. */
  protected ConsumerOptions consumerOptions(String group, int prefetch) {
    return new ConsumerOptions(group, prefetch, Duration.ofSeconds(30));
  }

  @BeforeEach
  final void openBroker() {
    broker = newBroker();
    queue = newQueueName();
    group = "contract-group-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  final void closeEverything() throws Exception {
    for (AutoCloseable closeable : List.copyOf(closeAfterTest).reversed()) {
      closeable.close();
    }
    broker.close();
  }

  @Test
  void publishedMessageArrivesWithItsBodyHeadersAndFirstDeliveryCount() {
    byte[] body = new byte[256];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) i; // every byte value, so no broker may treat the body as text
    }
    OutboundMessage sent =
        new OutboundMessage(
            queue, TaskId.generate(), "emails.send", 0, body, Map.of("trace", "t-1"));
    await(broker.publish(sent));

    Delivery delivery = receive(consumer(10), 1).getFirst();

    assertThat(delivery.queue()).isEqualTo(queue);
    assertThat(delivery.body()).isEqualTo(body);
    assertThat(delivery.taskId()).isEqualTo(sent.id());
    assertThat(delivery.headers())
        .containsEntry(OutboundMessage.ID_HEADER, sent.id().toString())
        .containsEntry(OutboundMessage.TASK_HEADER, "emails.send")
        .containsEntry("trace", "t-1");
    assertThat(delivery.deliveryCount()).isEqualTo(1);
    await(delivery.ack());
  }

  @Test
  void publishFuturesCompleteOnceTheBrokerHasTheMessages() {
    List<CompletableFuture<Void>> published = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      published.add(broker.publish(message(i)));
    }

    await(CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)));

    assertThat(published).allSatisfy(f -> assertThat(f).isCompletedWithValue(null));
    List<Delivery> all = receive(consumer(50), 20);
    assertThat(all).hasSize(20);
    all.forEach(d -> await(d.ack()));
  }

  @Test
  void ackedMessageIsNeverDeliveredAgain() {
    await(broker.publish(message(1)));
    BrokerConsumer first = consumer(10);
    await(receive(first, 1).getFirst().ack());

    first.close();

    assertThat(pollForSilence(consumer(10))).isEmpty();
  }

  @Test
  void messageOfAConsumerClosedWithoutSettlingGoesToAnotherConsumerWithDeliveryCountTwo() {
    OutboundMessage sent = message(1);
    await(broker.publish(sent));
    BrokerConsumer dying = consumer(10);
    assertThat(receive(dying, 1).getFirst().deliveryCount()).isEqualTo(1);

    dying.close();
    Delivery redelivered = receive(consumer(10), 1).getFirst();

    assertThat(redelivered.taskId()).isEqualTo(sent.id());
    assertThat(redelivered.body()).isEqualTo(sent.body());
    assertThat(redelivered.deliveryCount()).isEqualTo(2);
    await(redelivered.ack());
  }

  @Test
  void releasedMessageIsDeliveredAgainWithAHigherDeliveryCount() {
    OutboundMessage sent = message(1);
    await(broker.publish(sent));
    BrokerConsumer consumer = consumer(10);

    await(receive(consumer, 1).getFirst().release());
    Delivery again = receive(consumer, 1).getFirst();

    assertThat(again.taskId()).isEqualTo(sent.id());
    assertThat(again.deliveryCount()).isEqualTo(2);
    await(again.ack());
  }

  @Test
  void rejectedMessageIsNeverDeliveredToTheQueueAgain() {
    await(broker.publish(message(1)));
    BrokerConsumer consumer = consumer(10);

    await(receive(consumer, 1).getFirst().reject());

    assertThat(pollForSilence(consumer)).isEmpty();
    consumer.close();
    assertThat(pollForSilence(consumer(10))).isEmpty();
  }

  @Test
  void settlingADeliveryTwiceIsAnIllegalState() {
    await(broker.publish(message(1)));
    Delivery delivery = receive(consumer(10), 1).getFirst();
    await(delivery.ack());

    assertSettlingFails(delivery::ack);
    assertSettlingFails(delivery::release);
    assertSettlingFails(delivery::reject);
  }

  @Test
  void consumerOfSeveralQueuesReceivesFromEach() {
    String other = newQueueName();
    OutboundMessage toFirst = message(1);
    OutboundMessage toSecond =
        new OutboundMessage(other, TaskId.generate(), "contract.task", 0, bytes("b"), Map.of());
    await(broker.publish(toFirst));
    await(broker.publish(toSecond));

    BrokerConsumer both = track(broker.subscribe(Set.of(queue, other), consumerOptions(group, 10)));
    List<Delivery> received = receive(both, 2);

    assertThat(received)
        .extracting(Delivery::taskId)
        .containsExactlyInAnyOrder(toFirst.id(), toSecond.id());
    assertThat(received).extracting(Delivery::queue).containsExactlyInAnyOrder(queue, other);
    received.forEach(d -> await(d.ack()));
  }

  @Test
  void pollNeverReturnsMoreThanAskedFor() {
    for (int i = 0; i < 20; i++) {
      await(broker.publish(message(i)));
    }
    BrokerConsumer consumer = consumer(50);
    List<Delivery> received = new ArrayList<>();
    long deadline = System.nanoTime() + patience().toNanos();

    while (received.size() < 20 && System.nanoTime() < deadline) {
      List<Delivery> batch = consumer.poll(3, Duration.ofMillis(500));
      assertThat(batch).hasSizeLessThanOrEqualTo(3);
      received.addAll(batch);
    }

    assertThat(received).extracting(Delivery::taskId).doesNotHaveDuplicates().hasSize(20);
    received.forEach(d -> await(d.ack()));
  }

  @Test
  void pollWithNothingWaitingReturnsAnEmptyListAfterItsTimeout() {
    BrokerConsumer consumer = consumer(10);

    assertThat(consumer.poll(10, Duration.ofMillis(200))).isEmpty();
  }

  @Test
  void manyConcurrentMessagesAreEachDeliveredOnceToConsumersSharingTheQueue() throws Exception {
    int count = 1000;
    Set<TaskId> published = ConcurrentHashMap.newKeySet();
    try (var publishers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> sends = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        sends.add(
            publishers.submit(
                () -> {
                  OutboundMessage m = message(n);
                  await(broker.publish(m));
                  published.add(m.id());
                }));
      }
      for (Future<?> send : sends) {
        send.get(patience().toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    List<TaskId> received = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger acked = new AtomicInteger();
    try (var pollers = Executors.newFixedThreadPool(2);
        var ackers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> polls = new ArrayList<>();
      for (int c = 0; c < 2; c++) {
        BrokerConsumer consumer = consumer(100);
        polls.add(
            pollers.submit(
                () -> {
                  long deadline = System.nanoTime() + patience().toNanos();
                  while (received.size() < count && System.nanoTime() < deadline) {
                    for (Delivery d : consumer.poll(50, Duration.ofMillis(200))) {
                      received.add(d.taskId());
                      // Deliveries may be settled from any thread, as the worker does.
                      ackers.submit(
                          () -> {
                            await(d.ack());
                            acked.incrementAndGet();
                          });
                    }
                  }
                }));
      }
      for (Future<?> poll : polls) {
        poll.get(patience().toMillis() * 2, TimeUnit.MILLISECONDS);
      }
    }

    assertThat(published).hasSize(count);
    assertThat(received).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(published);
    assertThat(acked).hasValue(count);
    assertThat(pollForSilence(consumer(100))).isEmpty();
  }

  @Test
  void closingTwiceIsHarmlessForConsumersAndBrokers() {
    BrokerConsumer consumer = consumer(10);
    consumer.close();
    consumer.close();

    Broker unused = newBroker();
    unused.close();
    unused.close();

    broker.close();
    broker.close();
  }

  /** A message on this test's queue with a body naming {@code n}. */
  protected final OutboundMessage message(int n) {
    return new OutboundMessage(
        queue, TaskId.generate(), "contract.task", 0, bytes("message " + n), Map.of());
  }

  /** A consumer of this test's queue in this test's group, closed after the test. */
  protected final BrokerConsumer consumer(int prefetch) {
    return track(broker.subscribe(Set.of(queue), consumerOptions(group, prefetch)));
  }

  /**
   * Polls {@code consumer} until {@code count} deliveries arrived; fails after {@link #patience}.
   */
  protected final List<Delivery> receive(BrokerConsumer consumer, int count) {
    List<Delivery> received = new ArrayList<>();
    long deadline = System.nanoTime() + patience().toNanos();
    while (received.size() < count && System.nanoTime() < deadline) {
      received.addAll(consumer.poll(count - received.size(), Duration.ofMillis(500)));
    }
    assertThat(received).as("deliveries received within %s", patience()).hasSize(count);
    return received;
  }

  private List<Delivery> pollForSilence(BrokerConsumer consumer) {
    List<Delivery> unexpected = new ArrayList<>();
    long deadline = System.nanoTime() + silence().toNanos();
    long remaining;
    while ((remaining = deadline - System.nanoTime()) > 0) {
      unexpected.addAll(consumer.poll(10, Duration.ofNanos(remaining)));
    }
    return unexpected;
  }

  private void assertSettlingFails(Supplier<CompletableFuture<Void>> settle) {
    // A broker may refuse at once or through the future; either way it is an IllegalStateException.
    Throwable thrown =
        catchThrowable(() -> settle.get().get(patience().toMillis(), TimeUnit.MILLISECONDS));
    Throwable cause = thrown instanceof ExecutionException ? thrown.getCause() : thrown;
    assertThat(cause).isInstanceOf(IllegalStateException.class);
  }

  private <C extends AutoCloseable> C track(C closeable) {
    closeAfterTest.add(closeable);
    return closeable;
  }

  private void await(CompletableFuture<?> future) {
    try {
      future.get(patience().toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("broker operation did not complete: " + e, e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
