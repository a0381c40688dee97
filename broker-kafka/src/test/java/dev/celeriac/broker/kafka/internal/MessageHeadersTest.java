package dev.celeriac.broker.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class MessageHeadersTest {

  @Test
  void taskIdNamePriorityAndUserHeadersRoundTripThroughRecordHeaders() {
    TaskId id = TaskId.generate();
    var message =
        new OutboundMessage("emails", id, "emails.send", 7, new byte[0], Map.of("trace", "t-ü"));

    Map<String, String> read = MessageHeaders.fromRecord(MessageHeaders.toRecord(message));

    assertThat(read)
        .containsEntry(OutboundMessage.ID_HEADER, id.toString())
        .containsEntry(OutboundMessage.TASK_HEADER, "emails.send")
        .containsEntry(MessageHeaders.PRIORITY_HEADER, "7")
        .containsEntry("trace", "t-ü")
        .hasSize(4);
    assertThat(MessageHeaders.taskId(read)).isEqualTo(id);
  }

  @Test
  void fieldsOfTheMessageWinOverUserHeadersOfTheSameName() {
    TaskId id = TaskId.generate();
    var message =
        new OutboundMessage(
            "q", id, "real.task", 0, new byte[0], Map.of(OutboundMessage.TASK_HEADER, "spoofed"));

    assertThat(MessageHeaders.fromRecord(MessageHeaders.toRecord(message)))
        .containsEntry(OutboundMessage.TASK_HEADER, "real.task");
  }

  @Test
  void headerWithoutValueReadsAsEmptyAndTheLastOfARepeatedNameWins() {
    var headers = new RecordHeaders();
    headers.add("empty", null);
    headers.add("twice", "first".getBytes(StandardCharsets.UTF_8));
    headers.add("twice", "second".getBytes(StandardCharsets.UTF_8));

    assertThat(MessageHeaders.fromRecord(headers))
        .containsEntry("empty", "")
        .containsEntry("twice", "second");
  }

  @Test
  void missingOrMalformedTaskIdReadsAsNull() {
    assertThat(MessageHeaders.taskId(Map.of())).isNull();
    assertThat(MessageHeaders.taskId(Map.of(OutboundMessage.ID_HEADER, "not-an-id"))).isNull();
  }
}
