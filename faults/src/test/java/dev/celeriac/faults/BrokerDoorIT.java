package dev.celeriac.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.celeriac.api.MalformedMessageException;
import dev.celeriac.api.SubmitOptions;
import dev.celeriac.api.TaskClient;
import dev.celeriac.api.TaskHandle;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.TaskSubmitter;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.BrokerFactory;
import dev.celeriac.api.spi.DeadLetter;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.api.spi.TaskRecord;
import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.junit.IntegrationTest;
import dev.celeriac.embedded.junit.TestServices;
import dev.celeriac.store.postgres.PostgresTaskStore;
import dev.celeriac.worker.FailureReasons;
import dev.celeriac.worker.TaskRegistry;
import dev.celeriac.worker.Worker;
import dev.celeriac.worker.WorkerConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 9, bad input at the broker's door: bytes that are no task, an envelope of an unknown
 * version, truncated JSON and oversized messages published straight to the queue, arguments of the
 * wrong type and unknown task names. Each is recorded {@code DEAD} with its specific reason (and
 * kept as a dead letter with its bytes), and a valid task submitted after it still succeeds.
 */
@IntegrationTest
@ParameterizedClass(name = "{0}")
@EnumSource(BrokerDoorIT.Doors.class)
class BrokerDoorIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  /** The brokers whose doors are tried, each the machine's shared test server. */
  enum Doors {
    KAFKA(() -> "kafka://" + TestServices.kafka().bootstrapServers()),
    RABBITMQ(() -> TestServices.rabbitmq().uri().toString());

    private final Supplier<String> url;

    Doors(Supplier<String> url) {
      this.url = url;
    }

    Broker open() {
      return BrokerFactory.fromServiceLoader().connect(url.get());
    }
  }

  @Parameter Doors door;

  // One worker per broker for all the class's tests: started by the first test of a parameter,
  // stopped after the parameter's last.
  private static final AtomicInteger numbers = new AtomicInteger();
  private static Doors started;
  private static String queue;
  private static PostgresTaskStore store;
  private static Broker publisher;
  private static Broker consumer;
  private static Worker worker;
  private static TaskClient client;
  private static TaskSubmitter submitter;

  @BeforeEach
  void startOnce() {
    if (started != door) {
      stop();
      start(door);
    }
  }

  private static void start(Doors door) {
    started = door;
    queue = "doors-" + UUID.randomUUID().toString().substring(0, 8);
    PostgresEndpoint db = TestServices.postgres();
    store =
        PostgresTaskStore.builder()
            .jdbcUrl(db.jdbcUrl())
            .user(db.user())
            .password(db.password())
            .build();
    store.migrate();
    store.start();
    publisher = door.open();
    consumer = door.open();
    client = TaskClient.builder().broker(publisher).store(store).build();
    submitter = client.with(SubmitOptions.builder().queue(queue).build());
    worker =
        Worker.builder()
            .config(
                WorkerConfig.builder(queue)
                    .consumerGroup(queue)
                    .pollTimeout(Duration.ofMillis(250))
                    .dispatchMaxWait(Duration.ofMillis(200))
                    .build())
            .registry(TaskRegistry.builder().register(new DoorTasks()).build())
            .broker(consumer)
            .store(store)
            .build();
    worker.start();
  }

  @AfterParameterizedClassInvocation
  static void stop() {
    if (started == null) {
      return;
    }
    Doors door = started;
    started = null;
    worker.drain(Duration.ZERO);
    client.close();
    consumer.close();
    publisher.close();
    store.close();
    if (door == Doors.RABBITMQ) {
      RabbitMqQueues.delete(TestServices.rabbitmq().uri(), queue, queue + ".dead");
    }
  }

  @Test
  void garbageBytesAreRecordedDeadAsMalformedAndTheWorkerGoesOn() throws Exception {
    byte[] garbage = new byte[512];
    new Random(9).nextBytes(garbage);
    garbage[0] = (byte) 0xFF; // never the start of JSON

    TaskId id = publishRaw(garbage);

    TaskRecord dead = awaitDead(id, FailureReasons.MALFORMED_MESSAGE);
    assertThat(dead.failure().message()).contains("not valid JSON");
    assertThat(deadLetterOf(id).body()).isEqualTo(garbage);
    assertStillServing();
  }

  @Test
  void envelopeOfAnUnknownVersionIsRecordedDeadNamingTheVersion() throws Exception {
    String envelope = new String(validEnvelope(), StandardCharsets.UTF_8);
    assertThat(envelope).contains("\"v\":" + TaskMessage.CURRENT_VERSION);
    byte[] future =
        envelope
            .replace("\"v\":" + TaskMessage.CURRENT_VERSION, "\"v\":99")
            .getBytes(StandardCharsets.UTF_8);

    TaskId id = publishRaw(future);

    TaskRecord dead = awaitDead(id, FailureReasons.MALFORMED_MESSAGE);
    assertThat(dead.failure().message()).contains("envelope version").contains("99");
    assertStillServing();
  }

  @Test
  void truncatedJsonIsRecordedDeadAsNotValidJson() throws Exception {
    byte[] whole = validEnvelope();
    byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);

    TaskId id = publishRaw(truncated);

    TaskRecord dead = awaitDead(id, FailureReasons.MALFORMED_MESSAGE);
    assertThat(dead.failure().message()).contains("not valid JSON");
    assertThat(deadLetterOf(id).body()).isEqualTo(truncated);
    assertStillServing();
  }

  @Test
  void oversizedArgumentsAreRefusedAtSubmitWithNothingSentOrStored() {
    String big = "x".repeat(TaskMessageCodec.DEFAULT_MAX_BYTES + 1);
    int before = tasksNamed("doors.echoText");

    assertThatThrownBy(() -> submitter.submit(DoorTasks::echoText, big))
        .isInstanceOfSatisfying(
            MalformedMessageException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(MalformedMessageException.Problem.OVERSIZED);
              assertThat(e.getMessage()).contains("over the limit of " + (1 << 20));
            });

    assertStillServing();
    assertThat(tasksNamed("doors.echoText")).as("rows of the refused task").isEqualTo(before);
  }

  @Test
  void oversizedMessagePublishedStraightToTheQueueIsTurnedAwayWithItsReason() throws Exception {
    byte[] envelope = validEnvelope();
    String json = new String(envelope, StandardCharsets.UTF_8);
    // Pads the envelope with an unknown field (ignored by readers) until it passes the limit.
    byte[] oversized =
        (json.substring(0, json.length() - 1)
                + ",\"padding\":\""
                + "p".repeat(TaskMessageCodec.DEFAULT_MAX_BYTES)
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    TaskId id = TaskId.generate();

    if (door == Doors.KAFKA) {
      // Kafka's own door is narrower than the codec's: the producer's max.request.size (1 MiB
      // with the record's overhead) refuses the record before it reaches a topic.
      assertThatThrownBy(() -> publish(id, oversized))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("max.request.size");
    } else {
      publish(id, oversized);
      TaskRecord dead = awaitDead(id, FailureReasons.MALFORMED_MESSAGE);
      assertThat(dead.failure().message())
          .contains("over the limit of " + TaskMessageCodec.DEFAULT_MAX_BYTES);
      assertThat(deadLetterOf(id).body()).hasSize(oversized.length);
    }
    assertStillServing();
  }

  @Test
  void argumentsOfTheWrongTypeAreRecordedDeadAsBadArguments() throws Exception {
    TaskHandle<?> handle =
        client.submitByName(
            "doors.echo", List.of("not a number"), SubmitOptions.builder().queue(queue).build());

    TaskRecord dead = awaitDead(handle.id(), FailureReasons.BAD_ARGUMENTS);
    assertThat(dead.failure().message()).contains("not a number");
    assertStillServing();
  }

  @Test
  void unknownTaskNameIsRecordedDeadNamingTheTask() throws Exception {
    TaskHandle<?> handle =
        client.submitByName("doors.nope", List.of(1), SubmitOptions.builder().queue(queue).build());

    TaskRecord dead = awaitDead(handle.id(), FailureReasons.UNKNOWN_TASK);
    assertThat(dead.failure().message()).contains("no task named 'doors.nope'");
    assertStillServing();
  }

  /** A valid task submitted now still succeeds with its own result. */
  private void assertStillServing() {
    int n = numbers.incrementAndGet();
    TaskHandle<Integer> handle = submitter.submit(DoorTasks::echo, n);
    assertThat(handle.get(PATIENCE)).as("a valid task after the bad input").isEqualTo(n);
  }

  private byte[] validEnvelope() {
    TaskMessage message =
        new TaskMessage(
            TaskMessage.CURRENT_VERSION,
            TaskId.generate(),
            "doors.echo",
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(7),
            queue,
            1,
            null,
            null,
            0,
            null,
            Map.of(),
            Instant.now());
    return new TaskMessageCodec().encode(message);
  }

  private TaskId publishRaw(byte[] body) throws Exception {
    TaskId id = TaskId.generate();
    publish(id, body);
    return id;
  }

  private void publish(TaskId id, byte[] body) throws Exception {
    publisher
        .publish(new OutboundMessage(queue, id, "doors.echo", 0, body, Map.of()))
        .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
  }

  private TaskRecord awaitDead(TaskId id, String reason) {
    TaskRecord record =
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> store.find(id).orElse(null),
                found -> found != null && found.state() == TaskState.DEAD);
    assertThat(record.failure()).isNotNull();
    assertThat(record.failure().type()).isEqualTo(reason);
    assertThat(deadLetterOf(id).reason().type()).isEqualTo(reason);
    return record;
  }

  private DeadLetter deadLetterOf(TaskId id) {
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                store.deadLetters(10_000).stream()
                    .filter(letter -> id.equals(letter.taskId()))
                    .findFirst()
                    .orElse(null),
            letter -> letter != null);
  }

  private int tasksNamed(String name) {
    try (var connection = store.dataSource().getConnection();
        var query =
            connection.prepareStatement(
                "SELECT count(*) FROM celeriac_tasks WHERE queue = ? AND name = ?")) {
      query.setString(1, queue);
      query.setString(2, name);
      try (var rows = query.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
