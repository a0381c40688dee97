package dev.celeriac.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 1,000 tasks with etas spread over 10 s, put in PostgreSQL's delayed table after the leader went
 * idle, are all dispatched and none early (#5 acceptance). The dispatcher's safety-net wait is five
 * minutes, so only {@code LISTEN/NOTIFY} and the next due time can wake it in time. Lateness is
 * logged for reference; the benchmark reports it, the test does not assert it.
 */
class DelayedDispatchIT {
  private static final Logger log = LoggerFactory.getLogger(DelayedDispatchIT.class);
  private static final int TASKS = 1000;

  private final InProcessCoordinators coordinators = new InProcessCoordinators();
  private final RecordingBroker broker = new RecordingBroker();

  @AfterEach
  void close() {
    coordinators.close();
  }

  @Test
  void thousandTasksWithEtasOverTenSecondsAreAllDispatchedAndNoneEarly() {
    Coordinator leader =
        coordinators.start(
            "dispatcher",
            InstantSource.system(),
            CoordinatorSettings.builder()
                .sessionTimeout(Duration.ofSeconds(4))
                .longestDispatchWait(Duration.ofMinutes(5)),
            broker);
    await().atMost(Duration.ofSeconds(60)).until(leader::isLeader);

    Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusSeconds(2);
    List<TaskMessage> messages = new ArrayList<>();
    List<CompletableFuture<Void>> scheduled = new ArrayList<>();
    for (int i = 0; i < TASKS; i++) {
      TaskMessage message = message(start.plusMillis(i * 10L));
      messages.add(message);
      scheduled.add(coordinators.tasks.schedule(message));
    }
    CompletableFuture.allOf(scheduled.toArray(CompletableFuture[]::new)).join();

    await().atMost(Duration.ofSeconds(90)).until(() -> broker.publishedAt.size() == TASKS);

    List<Long> lateness = new ArrayList<>();
    for (TaskMessage message : messages) {
      Instant published = broker.publishedAt.get(message.id());
      assertThat(published).as("dispatch of %s", message.id()).isAfterOrEqualTo(message.eta());
      lateness.add(Duration.between(message.eta(), published).toMillis());
    }
    assertThat(coordinators.tasks.nextDue()).isEmpty();
    lateness.sort(null);
    log.info(
        "dispatch lateness of {} tasks: p50 {} ms, p99 {} ms, max {} ms",
        TASKS,
        lateness.get(TASKS / 2),
        lateness.get(TASKS * 99 / 100),
        lateness.getLast());
  }

  private static TaskMessage message(Instant eta) {
    return new TaskMessage(
        TaskMessage.CURRENT_VERSION,
        TaskId.generate(),
        "it.tick",
        JsonNodeFactory.instance.arrayNode(),
        "delayed-it",
        1,
        eta,
        null,
        0,
        null,
        Map.of(),
        Instant.now());
  }
}
