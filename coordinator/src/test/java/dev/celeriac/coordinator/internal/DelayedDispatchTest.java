package dev.celeriac.coordinator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.api.internal.DelayedDispatch;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.testing.InMemoryBroker;
import dev.celeriac.testing.InMemoryTaskStore;
import dev.celeriac.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's dispatch of due delayed tasks (the shared {@link DelayedDispatch}): never
 * early, in batches, nothing lost on a failed publish (#5).
 */
class DelayedDispatchTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final InMemoryTaskStore store = new InMemoryTaskStore(clock);
  private final InMemoryBroker broker = new InMemoryBroker();
  private final DelayedDispatch dispatcher =
      new DelayedDispatch(
          store,
          broker,
          new TaskMessageCodec(),
          clock,
          new DelayedDispatch.Settings(
              2, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(10)));

  @AfterEach
  void close() {
    store.close();
    broker.close();
  }

  private TaskMessage dueIn(Duration delay) {
    return new TaskMessage(
        TaskMessage.CURRENT_VERSION,
        TaskId.generate(clock),
        "delayed.task",
        JsonNodeFactory.instance.arrayNode(),
        "default",
        1,
        clock.instant().plus(delay),
        null,
        0,
        null,
        Map.of(),
        clock.instant());
  }

  @Test
  void onlyDueTasksAreDispatchedInBatchesAndLeaveTheDelayedTable() {
    TaskMessage first = dueIn(Duration.ofSeconds(1));
    TaskMessage second = dueIn(Duration.ofSeconds(2));
    TaskMessage third = dueIn(Duration.ofSeconds(3));
    TaskMessage later = dueIn(Duration.ofMinutes(1));
    for (TaskMessage m : new TaskMessage[] {first, second, third, later}) {
      store.schedule(m).join();
    }

    assertThat(dispatcher.dispatchBatch()).isZero();
    assertThat(dispatcher.untilNextStep()).isEqualTo(Duration.ofSeconds(1));

    clock.advance(Duration.ofSeconds(3));
    assertThat(dispatcher.dispatchBatch()).isEqualTo(2);
    assertThat(dispatcher.dispatchBatch()).isEqualTo(1);
    assertThat(dispatcher.dispatchBatch()).isZero();

    assertThat(broker.queued("default"))
        .extracting(OutboundMessage::id)
        .containsExactly(first.id(), second.id(), third.id());
    assertThat(store.nextDue()).contains(later.eta());
    assertThat(dispatcher.untilNextStep()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void anEntryDueNowIsLookedAtAgainAfterTheShortestWaitNeverInABusySpin() {
    store.schedule(dueIn(Duration.ZERO)).join();

    assertThat(dispatcher.untilNextStep()).isEqualTo(DelayedDispatch.SHORTEST_WAIT);
  }

  @Test
  void taskWhosePublishFailedIsDispatchedAgainWhenItsLeaseEnds() {
    TaskMessage message = dueIn(Duration.ZERO);
    store.schedule(message).join();
    broker.failPublishes("broker down");

    assertThat(dispatcher.dispatchBatch()).isZero();
    broker.resumePublishes();
    assertThat(dispatcher.dispatchBatch()).isZero();

    clock.advance(Duration.ofSeconds(30));
    assertThat(dispatcher.dispatchBatch()).isEqualTo(1);
    assertThat(broker.queued("default"))
        .extracting(OutboundMessage::id)
        .containsExactly(message.id());
  }

  @Test
  void delayedChangesWakeTheDispatcher() throws Exception {
    var heard = new AtomicInteger();
    try (AutoCloseable registration = store.onDelayedChange(heard::incrementAndGet)) {
      store.schedule(dueIn(Duration.ofSeconds(5))).join();
    }
    store.schedule(dueIn(Duration.ofSeconds(5))).join();

    assertThat(heard).hasValue(1);
  }
}
