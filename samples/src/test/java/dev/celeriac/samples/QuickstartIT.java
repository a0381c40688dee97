package dev.celeriac.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.embedded.junit.TestServices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's quick start runs against real Kafka and PostgreSQL and ends as it says. */
class QuickstartIT {

  @Test
  void theQuickStartRunsEveryTaskToItsExpectedEnd() {
    var printed = new ByteArrayOutputStream();
    var out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    boolean ok =
        QuickstartMain.run(TestServices.postgres(), TestServices.kafka().bootstrapServers(), out);

    String text = printed.toString(StandardCharsets.UTF_8);
    assertThat(ok).as(text).isTrue();
    assertThat(text)
        .contains("attempt 1 on", "RETRYING", "attempt 2 on", "SUCCEEDED")
        .contains("FAILED  not a mail address: 'not-an-address'")
        .contains("Report[title=weekly sales, count=3, total=50.0")
        .contains("Done: every task ended as expected.");
  }
}
