package dev.celeriac.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.UnknownTaskIdException;
import dev.celeriac.api.spi.DeadLetter;
import dev.celeriac.api.spi.TaskCompletion;
import dev.celeriac.api.spi.TaskRecord;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** What the in-memory store promises beyond the store contract. */
class InMemoryTaskStoreTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final ManualClock clock = new ManualClock();
  private final InMemoryTaskStore store = new InMemoryTaskStore(clock);

  @Test
  void finishingATaskTheStoreNeverSawFailsWithUnknownTaskId() {
    TaskId unknown = TaskId.generate(clock);

    CompletableFuture<?> finish =
        store.recordFinished(
            TaskCompletion.succeeded(
                unknown, 1, JsonNodeFactory.instance.nullNode(), clock.instant(), "w"));

    assertThat(finish)
        .failsWithin(WAIT)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(UnknownTaskIdException.class);
  }

  @Test
  void deadLetterOfAnUnrecordedTaskRecoversItsRowFromTheEnvelope() {
    TaskMessage message = message();
    byte[] body = new TaskMessageCodec().encode(message);

    store
        .recordDead(
            new DeadLetter(
                message.id(),
                "default",
                body,
                FailureInfo.reason("celeriac.UnknownTask", "no task samples.x"),
                1,
                clock.instant()))
        .join();

    TaskRecord row = store.find(message.id()).orElseThrow();
    assertThat(row.state()).isEqualTo(TaskState.DEAD);
    assertThat(row.name()).isEqualTo("samples.x");
  }

  @Test
  void nextDueOfALeasedTaskIsTheEndOfItsLease() {
    store.schedule(message()).join();

    store.claimDue(clock.instant(), 10, Duration.ofSeconds(30));

    assertThat(store.nextDue()).contains(clock.instant().plusSeconds(30));
  }

  @Test
  void closingTheStoreFailsPendingWaitsAndLaterCalls() {
    TaskMessage message = message();
    store.recordSubmitted(message).join();
    CompletableFuture<TaskRecord> waiting = store.whenFinished(message.id());

    store.close();
    store.close();

    assertThat(waiting)
        .failsWithin(WAIT)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(IllegalStateException.class);
    assertThat(store.recordSubmitted(message())).isCompletedExceptionally();
    assertThatThrownBy(() -> store.find(message.id())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> store.claimDue(clock.instant(), 0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> store.claimDue(clock.instant(), 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lease");
    assertThatThrownBy(() -> store.deadLetters(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.deleteFinishedBefore(clock.instant(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRows");
  }

  @Test
  void revokingAScheduledTaskDropsItFromTheDelayedTable() {
    TaskMessage message = message().withEta(clock.instant().plusSeconds(60));
    store.schedule(message).join();

    store.revoke(message.id(), clock.instant()).join();

    assertThat(store.nextDue()).isEmpty();
    assertThat(store.claimDue(clock.instant().plusSeconds(60), 10, Duration.ofSeconds(1)))
        .isEmpty();
  }

  private TaskMessage message() {
    return new TaskMessage(
        TaskMessage.CURRENT_VERSION,
        TaskId.generate(clock),
        "samples.x",
        JsonNodeFactory.instance.arrayNode(),
        "default",
        1,
        null,
        null,
        0,
        null,
        Map.of(),
        clock.instant());
  }
}
