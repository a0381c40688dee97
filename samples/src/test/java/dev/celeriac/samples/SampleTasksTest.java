package dev.celeriac.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.celeriac.api.TaskFailedException;
import dev.celeriac.api.TaskHandle;
import dev.celeriac.api.TaskState;
import dev.celeriac.samples.ReportTasks.Report;
import dev.celeriac.samples.ReportTasks.ReportRequest;
import dev.celeriac.testkit.CeleriacTestKit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The samples run as the README says, through the test kit and no server. */
class SampleTasksTest {
  private final CeleriacTestKit kit =
      CeleriacTestKit.builder()
          .register(new EmailTasks(new FlakyMailServer(2)))
          .register(new ReportTasks())
          .build();

  @AfterEach
  void close() {
    kit.close();
  }

  @Test
  void anEmailToAFlakyServerSucceedsOnItsThirdAttemptAfterTheBackoffs() {
    TaskHandle<String> handle =
        kit.client().submit(EmailTasks::send, "ada@example.com", "Hello", "Hi Ada", null);

    kit.drain();
    assertThat(handle.state()).isEqualTo(TaskState.RETRYING);
    kit.clock().advance(Duration.ofSeconds(1));
    kit.drain();
    assertThat(handle.state()).isEqualTo(TaskState.RETRYING);
    kit.clock().advance(Duration.ofSeconds(2));
    kit.drain();

    assertThat(handle.get(Duration.ofSeconds(1))).endsWith("@mail.example> (attempt 3)");
    assertThat(kit.store().attempts(handle.id())).hasSize(3);
  }

  @Test
  void anEmailToAnInvalidAddressFailsWithoutRetrying() {
    TaskHandle<String> handle = kit.client().submit(EmailTasks::send, "nobody", "Hi", "", null);

    kit.drain();

    assertThat(handle.state()).isEqualTo(TaskState.FAILED);
    assertThat(kit.store().attempts(handle.id())).hasSize(1);
    assertThatThrownBy(() -> handle.get(Duration.ofSeconds(1)))
        .isInstanceOf(TaskFailedException.class)
        .hasMessageContaining("not a mail address: 'nobody'");
  }

  @Test
  void aReportRoundTripsRecordsAsArgumentsAndResult() {
    TaskHandle<Report> handle =
        kit.client()
            .submit(ReportTasks::summarise, new ReportRequest("weekly", List.of(1.0, 2.0, 6.0)));

    kit.drain();

    assertThat(handle.get(Duration.ofSeconds(1))).isEqualTo(new Report("weekly", 3, 9.0, 3.0));
  }
}
