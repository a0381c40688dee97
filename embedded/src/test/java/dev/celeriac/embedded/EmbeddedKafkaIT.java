package dev.celeriac.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.celeriac.embedded.junit.IntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@IntegrationTest
class EmbeddedKafkaIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Test
  void shareConsumerReceivesPublishedRecordsAndAcceptsThem(KafkaEndpoint kafka) throws Exception {
    String topic = "tasks-" + UUID.randomUUID();
    String group = "workers-" + UUID.randomUUID();
    try (Admin admin = Admin.create(kafka.clientConfig())) {
      createTopic(admin, topic);
      setGroupConfig(admin, group, "share.auto.offset.reset", "earliest");
    }
    List<String> published = List.of("a", "b", "c", "d", "e");
    publish(kafka, topic, published);

    List<String> received = new ArrayList<>();
    Map<String, Object> config = new HashMap<>(kafka.clientConfig());
    config.put("group.id", group);
    config.put("share.acknowledgement.mode", "explicit");
    try (var consumer =
        new KafkaShareConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(PATIENCE)
          .pollInSameThread()
          .pollInterval(Duration.ofMillis(10))
          .until(
              () -> {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                  consumer.acknowledge(record, AcknowledgeType.ACCEPT);
                  received.add(record.value());
                }
                assertThat(consumer.commitSync().values()).allMatch(Optional::isEmpty);
                return received.size() >= published.size();
              });
    }
    assertThat(received).containsExactlyInAnyOrderElementsOf(published);
  }

  @Test
  void recordPublishedBeforeAStopIsStillThereAfterRestartsOnTheSameDataDirectory(
      @TempDir Path dataDirectory) throws Exception {
    String topic = "durable-" + UUID.randomUUID();
    KafkaEndpoint endpoint;
    try (var kafka = EmbeddedKafka.builder().dataDirectory(dataDirectory).build()) {
      endpoint = kafka.start();
      try (Admin admin = Admin.create(endpoint.clientConfig())) {
        createTopic(admin, topic);
      }
      publish(endpoint, topic, List.of("before-stop"));

      kafka.stop();
      assertThat(kafka.isRunning()).isFalse();
      assertThat(kafka.start()).isEqualTo(endpoint);
      assertThat(readAll(endpoint, topic, 1)).containsExactly("before-stop");
    }

    int port = Integer.parseInt(endpoint.bootstrapServers().split(":")[1]);
    try (var reopened =
        EmbeddedKafka.builder().dataDirectory(dataDirectory).brokerPort(port).build()) {
      assertThat(reopened.start()).isEqualTo(endpoint);
      assertThat(readAll(endpoint, topic, 1)).containsExactly("before-stop");
    }
  }

  private static void createTopic(Admin admin, String topic) throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
  }

  private static void setGroupConfig(Admin admin, String group, String name, String value)
      throws Exception {
    var op = new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
    admin
        .incrementalAlterConfigs(
            Map.of(new ConfigResource(ConfigResource.Type.GROUP, group), List.of(op)))
        .all()
        .get(30, TimeUnit.SECONDS);
  }

  private static void publish(KafkaEndpoint kafka, String topic, List<String> values)
      throws Exception {
    Map<String, Object> config = new HashMap<>(kafka.clientConfig());
    config.put("acks", "all");
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      for (String value : values) {
        producer.send(new ProducerRecord<>(topic, value)).get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static List<String> readAll(KafkaEndpoint kafka, String topic, int expected) {
    var partition = new TopicPartition(topic, 0);
    List<String> values = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(
            kafka.clientConfig(), new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      await()
          .atMost(PATIENCE)
          .pollInSameThread()
          .pollInterval(Duration.ofMillis(10))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
                return values.size() >= expected;
              });
    }
    return values;
  }
}
