package dev.celeriac.bench;

import dev.celeriac.broker.kafka.KafkaBrokerConfig;
import dev.celeriac.embedded.EmbeddedKafka;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka for the benchmark: an embedded single-node KRaft server started here (module {@code
 * embedded}), or an existing one. Celeriac queues get topics created up front; the raw limit uses a
 * fresh topic and share group of its own.
 */
final class KafkaUnderBench implements BrokerUnderBench {
  private static final Logger log = LoggerFactory.getLogger(KafkaUnderBench.class);

  /** Partitions of a Celeriac queue's topic: the broker's own default. */
  private static final int PARTITIONS = KafkaBrokerConfig.DEFAULT_PARTITIONS;

  /** Partitions of a wide queue: Kafka locks at most 2,000 records per share partition. */
  private static final int WIDE_PARTITIONS = 8;

  private static final int START_ATTEMPTS = 3;

  private final @Nullable EmbeddedKafka embedded;
  private final String bootstrap;
  private final Admin admin;
  private final Set<String> topics = ConcurrentHashMap.newKeySet();

  private KafkaUnderBench(@Nullable EmbeddedKafka embedded, String bootstrap) {
    this.embedded = embedded;
    this.bootstrap = bootstrap;
    this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
  }

  /** Kafka at {@code bootstrap}, or an embedded one started now if it is null. */
  static KafkaUnderBench open(@Nullable String bootstrap) throws Exception {
    if (bootstrap != null) {
      return new KafkaUnderBench(null, bootstrap);
    }
    // The free ports it picks can be taken by another process on a busy machine before Kafka binds
    // them; a fresh attempt picks new ones.
    RuntimeException failure = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      // A temporary data directory, deleted again on close.
      EmbeddedKafka kafka = EmbeddedKafka.builder().build();
      try {
        return new KafkaUnderBench(kafka, kafka.start().bootstrapServers());
      } catch (RuntimeException e) {
        log.warn("Embedded Kafka did not start (attempt {}): {}", attempt, e.toString());
        kafka.close();
        failure = e;
      }
    }
    throw failure;
  }

  @Override
  public String label() {
    return "Kafka";
  }

  @Override
  public String processUrl() {
    return "kafka://" + bootstrap;
  }

  @Override
  public String version() {
    return (embedded != null ? "embedded KRaft " : "client ") + clientVersion();
  }

  /** The kafka-clients version on the class path (the embedded server's jars are the same). */
  private static String clientVersion() {
    var properties = new Properties();
    try (var in = KafkaProducer.class.getResourceAsStream("/kafka/kafka-version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // Unknown below.
    }
    return properties.getProperty("version", "unknown");
  }

  @Override
  public String newQueue(String prefix, boolean wide) {
    String queue = "bench-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    createTopic(
        KafkaBrokerConfig.DEFAULT_TOPIC_PREFIX + queue, wide ? WIDE_PARTITIONS : PARTITIONS);
    return queue;
  }

  private void createTopic(String topic, int partitions) {
    try {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topic " + topic + ": " + e, e);
    }
    topics.add(topic);
  }

  /**
   * One producer ({@code acks=all}, idempotent, linger 5 ms as Celeriac's) and as many share
   * consumers as a Celeriac subscription starts ({@value
   * KafkaBrokerConfig#DEFAULT_CONSUMERS_PER_SUBSCRIPTION}), each acknowledging every record with
   * ACCEPT and committing after each poll. A first record warms the share group up before the clock
   * starts, since a new member's first fetch takes seconds.
   */
  @Override
  public RawRate rawRoundTrip(int count, int bodyBytes) throws Exception {
    String topic = "bench-raw-" + UUID.randomUUID().toString().substring(0, 8);
    String group = topic + "-group";
    createTopic(topic, PARTITIONS);
    admin
        .incrementalAlterConfigs(
            Map.of(
                new ConfigResource(ConfigResource.Type.GROUP, group),
                List.of(
                    new AlterConfigOp(
                        new ConfigEntry("share.auto.offset.reset", "earliest"),
                        AlterConfigOp.OpType.SET))))
        .all()
        .get(60, TimeUnit.SECONDS);
    AtomicInteger acknowledged = new AtomicInteger();
    CountDownLatch warm = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> consumers = new ArrayList<>();
    for (int i = 0; i < KafkaBrokerConfig.DEFAULT_CONSUMERS_PER_SUBSCRIPTION; i++) {
      consumers.add(
          Thread.ofPlatform()
              .name("bench-raw-consumer-" + i)
              .start(() -> consume(topic, group, count + 1, acknowledged, warm, done, stop)));
    }
    byte[] body = new byte[bodyBytes];
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                "bootstrap.servers",
                bootstrap,
                "acks",
                "all",
                "enable.idempotence",
                true,
                "linger.ms",
                5),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, body)).get(60, TimeUnit.SECONDS);
      if (!warm.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the raw share consumers received nothing in 60 s");
      }
      long start = System.nanoTime();
      List<Future<RecordMetadata>> sends = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        sends.add(producer.send(new ProducerRecord<>(topic, body)));
      }
      for (Future<RecordMetadata> send : sends) {
        send.get(RAW_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
      long published = System.nanoTime();
      boolean finished = done.await(RAW_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      long end = System.nanoTime();
      if (!finished) {
        throw new IllegalStateException(
            "raw Kafka: " + (acknowledged.get() - 1) + " of " + count + " acknowledged in time");
      }
      return new RawRate(perSecond(count, published - start), perSecond(count, end - start));
    } finally {
      stop.set(true);
      for (Thread consumer : consumers) {
        consumer.join(Duration.ofSeconds(30));
      }
    }
  }

  private void consume(
      String topic,
      String group,
      int total,
      AtomicInteger acknowledged,
      CountDownLatch warm,
      CountDownLatch done,
      AtomicBoolean stop) {
    try (KafkaShareConsumer<byte[], byte[]> consumer =
        new KafkaShareConsumer<>(
            Map.of(
                "bootstrap.servers", bootstrap,
                "group.id", group,
                "share.acknowledgement.mode", "explicit"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      while (!stop.get()) {
        var records = consumer.poll(Duration.ofMillis(100));
        for (ConsumerRecord<byte[], byte[]> record : records) {
          consumer.acknowledge(record, AcknowledgeType.ACCEPT);
        }
        if (!records.isEmpty()) {
          consumer.commitSync();
          warm.countDown();
          if (acknowledged.addAndGet(records.count()) >= total) {
            done.countDown();
          }
        }
      }
    } catch (RuntimeException e) {
      log.warn("raw Kafka consumer failed: {}", e.toString());
    }
  }

  static double perSecond(long count, long nanos) {
    return count / (Math.max(nanos, 1) / 1e9);
  }

  @Override
  public void close() {
    try {
      admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("Could not delete benchmark topics {}: {}", topics, e.toString());
    }
    admin.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
