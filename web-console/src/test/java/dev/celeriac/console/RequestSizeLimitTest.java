package dev.celeriac.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.console.ConsoleHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A body over the console's request size limit is refused in the API's own JSON form, naming the
 * body, like every other bad request (issue 9; Javalin's own answer is plain text).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestSizeLimitTest {
  private ConsoleFixture fixture;

  @BeforeAll
  void start() {
    fixture = ConsoleFixture.inMemoryWithTokens();
  }

  @AfterAll
  void stop() {
    fixture.close();
  }

  @Test
  void bodyOverTheLimitIsA413NamingTheBodyAndTheConsoleGoesOn() {
    String megabyte = "a".repeat(1 << 20);

    Answer answer =
        fixture.admin.post(
            "/api/v1/tasks", "{\"task\":\"console.echo\",\"args\":[\"" + megabyte + "\"]}");

    assertThat(answer.status()).as(answer.text()).isEqualTo(413);
    assertThat(answer.get("field").asText()).isEqualTo("body");
    assertThat(answer.get("error").asText()).contains("larger than the console accepts");
    assertThat(
            fixture
                .admin
                .post("/api/v1/tasks", "{\"task\":\"console.echo\",\"args\":[\"x\"]}")
                .status())
        .isEqualTo(201);
  }
}
