package dev.celeriac.store.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.api.TaskId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FinishedNotificationsTest {

  @Test
  void manyIdsArePackedIntoPayloadsBelowPostgresLimit() {
    List<TaskId> ids = IntStream.range(0, 1001).mapToObj(i -> TaskId.generate()).toList();

    List<String> payloads = FinishedNotifications.payloads(ids);

    assertThat(payloads).hasSize(6);
    assertThat(payloads)
        .allMatch(p -> p.getBytes(StandardCharsets.UTF_8).length < 8000, "under 8000 bytes");
    List<TaskId> unpacked =
        payloads.stream()
            .flatMap(p -> FinishedNotifications.parts(p).stream())
            .map(TaskId::parse)
            .toList();
    assertThat(unpacked).isEqualTo(ids);
  }

  @Test
  void noIdsMeansNoPayload() {
    assertThat(FinishedNotifications.payloads(List.of())).isEmpty();
    assertThat(FinishedNotifications.parts("")).isEmpty();
  }
}
