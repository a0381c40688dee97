package dev.celeriac.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.internal.JsonMappers;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.testing.InMemoryBroker;
import dev.celeriac.testing.InMemoryTaskStore;
import dev.celeriac.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DelayedDispatcherTest {
  private static final String QUEUE = "retries";
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final ManualClock clock = new ManualClock();
  private final InMemoryBroker broker = new InMemoryBroker();
  private final InMemoryTaskStore store = new InMemoryTaskStore(clock);
  private final TaskMessageCodec codec = new TaskMessageCodec();

  @AfterEach
  void close() {
    broker.close();
    store.close();
  }

  private DelayedDispatcher dispatcher(int batch) {
    return new DelayedDispatcher(
        store, broker, codec, clock, new DelayedDispatcher.Settings(batch, LEASE, LEASE));
  }

  private TaskMessage scheduledAt(Instant eta) {
    var message =
        new TaskMessage(
            TaskMessage.CURRENT_VERSION,
            TaskId.generate(clock),
            "emails.send",
            JsonMappers.standard().createArrayNode().add("a@b.c"),
            QUEUE,
            2,
            eta,
            null,
            4,
            null,
            Map.of("trace", "t-1"),
            clock.instant());
    store.schedule(message).join();
    return message;
  }

  private List<TaskMessage> published() {
    List<TaskMessage> messages = new ArrayList<>();
    for (OutboundMessage outbound : broker.queued(QUEUE)) {
      messages.add(codec.decode(outbound.body()));
    }
    return messages;
  }

  @Test
  void dueTaskIsPublishedWithItsHeadersThenRemovedFromTheDelayedTable() {
    TaskMessage due = scheduledAt(clock.instant());

    assertThat(dispatcher(10).dispatchDue()).isEqualTo(1);

    assertThat(published()).containsExactly(due);
    OutboundMessage outbound = broker.queued(QUEUE).getFirst();
    assertThat(outbound.id()).isEqualTo(due.id());
    assertThat(outbound.task()).isEqualTo("emails.send");
    assertThat(outbound.priority()).isEqualTo(4);
    assertThat(store.nextDue()).isEmpty();
    assertThat(store.find(due.id()).orElseThrow().state()).isEqualTo(TaskState.SCHEDULED);
  }

  @Test
  void taskNotDueYetStaysInTheDelayedTable() {
    Instant eta = clock.instant().plusSeconds(5);
    scheduledAt(eta);

    assertThat(dispatcher(10).dispatchDue()).isZero();

    assertThat(broker.depth(QUEUE)).isZero();
    assertThat(store.nextDue()).contains(eta);
  }

  @Test
  void everyDueTaskIsDispatchedBatchAfterBatch() {
    for (int i = 0; i < 5; i++) {
      scheduledAt(clock.instant());
    }

    assertThat(dispatcher(2).dispatchDue()).isEqualTo(5);

    assertThat(broker.depth(QUEUE)).isEqualTo(5);
    assertThat(store.nextDue()).isEmpty();
  }

  @Test
  void taskWhosePublishFailsStaysLeasedAndIsDispatchedAfterItsLease() {
    TaskMessage due = scheduledAt(clock.instant());
    DelayedDispatcher dispatcher = dispatcher(10);
    broker.failPublishes("broker down");

    assertThat(dispatcher.dispatchDue()).isZero();
    assertThat(store.nextDue()).contains(clock.instant().plus(LEASE));

    broker.resumePublishes();
    assertThat(dispatcher.dispatchDue()).isZero();
    clock.advance(LEASE);

    assertThat(dispatcher.dispatchDue()).isEqualTo(1);
    assertThat(published()).containsExactly(due);
    assertThat(store.nextDue()).isEmpty();
  }
}
