package dev.celeriac.store.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.spi.DeadLetter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class WriteRoundsTest {
  private static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");

  private static TaskMessage message(TaskId id) {
    return new TaskMessage(
        1,
        id,
        "t",
        JsonNodeFactory.instance.arrayNode(),
        "q",
        1,
        null,
        null,
        0,
        null,
        Map.of(),
        AT);
  }

  private static PendingWrite submit(TaskId id) {
    return new PendingWrite.Submit(message(id), new CompletableFuture<>());
  }

  private static PendingWrite revoke(TaskId id) {
    return new PendingWrite.Revoke(id, AT, new CompletableFuture<>());
  }

  @Test
  void distinctIdsShareOneRound() {
    var writes = List.of(submit(TaskId.generate()), submit(TaskId.generate()));
    assertThat(WriteRounds.split(writes)).containsExactly(writes);
  }

  @Test
  void aRepeatedIdMovesToTheNextRoundKeepingArrivalOrder() {
    TaskId a = TaskId.generate();
    TaskId b = TaskId.generate();
    PendingWrite a1 = submit(a);
    PendingWrite b1 = submit(b);
    PendingWrite a2 = revoke(a);
    PendingWrite a3 = revoke(a);
    PendingWrite b2 = revoke(b);

    assertThat(WriteRounds.split(List.of(a1, b1, a2, a3, b2)))
        .containsExactly(List.of(a1, b1), List.of(a2, b2), List.of(a3));
  }

  @Test
  void deadLettersWithoutAnIdAllGoInTheFirstRound() {
    var reason = FailureInfo.reason("celeriac.Undecodable", "not JSON");
    PendingWrite d1 =
        new PendingWrite.Dead(
            new DeadLetter(null, "q", new byte[] {1}, reason, 1, AT), new CompletableFuture<>());
    PendingWrite d2 =
        new PendingWrite.Dead(
            new DeadLetter(null, "q", new byte[] {2}, reason, 1, AT), new CompletableFuture<>());

    assertThat(WriteRounds.split(List.of(d1, d2))).containsExactly(List.of(d1, d2));
  }
}
