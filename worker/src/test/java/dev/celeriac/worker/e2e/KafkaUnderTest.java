package dev.celeriac.worker.e2e;

import dev.celeriac.api.spi.Broker;
import dev.celeriac.broker.kafka.KafkaBroker;
import dev.celeriac.broker.kafka.KafkaBrokerConfig;
import dev.celeriac.embedded.KafkaEndpoint;
import dev.celeriac.embedded.junit.TestServices;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared Kafka cluster ({@link TestServices#kafka()}, an embedded KRaft node unless one runs on
 * 127.0.0.1:9092). Each queue's topic is created here, before any broker touches it, with the
 * partitions the test needs; {@link #close()} deletes them.
 *
 * <p>Kafka's share groups count deliveries up to the broker's maximum delivery count limit, 10 by
 * default, which {@link KafkaBroker} always sets; a test cannot ask for more.
 */
final class KafkaUnderTest implements BrokerUnderTest {
  private static final Logger log = LoggerFactory.getLogger(KafkaUnderTest.class);

  /** Kafka's default {@code group.share.max.delivery.count.limit}, which KafkaBroker sets. */
  private static final int DELIVERY_LIMIT = 10;

  /**
   * Partitions of a wide queue: those of a topic KafkaBroker creates by default. A queue of 10,000
   * then puts 3,334 on each, more than Kafka's default of 2,000 acquired records per partition
   * (KafkaBroker raises the group's limit to the broker's maximum, 4,000).
   */
  private static final int WIDE_PARTITIONS = KafkaBrokerConfig.DEFAULT_PARTITIONS;

  private final KafkaEndpoint kafka = TestServices.kafka();
  private final Admin admin = Admin.create(kafka.clientConfig());
  private final Set<String> topics = ConcurrentHashMap.newKeySet();
  private final Set<Broker> brokers = ConcurrentHashMap.newKeySet();

  @Override
  public String newQueue(String prefix) {
    return newQueue(prefix, 1);
  }

  @Override
  public String newWideQueue(String prefix) {
    return newQueue(prefix, WIDE_PARTITIONS);
  }

  private String newQueue(String prefix, int partitions) {
    String queue = "e2e-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    String topic = KafkaBrokerConfig.DEFAULT_TOPIC_PREFIX + queue;
    try {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topic " + topic + ": " + e, e);
    }
    topics.add(topic);
    return queue;
  }

  @Override
  public Broker newBroker() {
    KafkaBroker broker =
        KafkaBroker.create(
            // The default sizing, as a user gets it; only closing is quicker.
            KafkaBrokerConfig.builder(kafka.bootstrapServers())
                .closeTimeout(Duration.ofSeconds(10))
                .build());
    brokers.add(broker);
    return broker;
  }

  @Override
  public Broker newBroker(int deliveryLimit) {
    if (deliveryLimit > DELIVERY_LIMIT) {
      throw new IllegalArgumentException(
          "Kafka's share groups allow at most " + DELIVERY_LIMIT + " deliveries by default");
    }
    return newBroker();
  }

  @Override
  public String processUrl() {
    return "kafka://" + kafka.bootstrapServers();
  }

  @Override
  public OptionalLong deadLettered(String queue) {
    return OptionalLong.empty();
  }

  @Override
  public void close() {
    brokers.forEach(Broker::close);
    try {
      admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("Could not delete test topics {}: {}", topics, e.toString());
    }
    admin.close();
  }

  @Override
  public String toString() {
    return "Kafka";
  }
}
