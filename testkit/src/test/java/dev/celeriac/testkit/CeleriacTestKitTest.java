package dev.celeriac.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.celeriac.api.Retry;
import dev.celeriac.api.SubmitOptions;
import dev.celeriac.api.Task;
import dev.celeriac.api.TaskFailedException;
import dev.celeriac.api.TaskHandle;
import dev.celeriac.api.TaskState;
import dev.celeriac.worker.DeliveryOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CeleriacTestKitTest {

  /** Tasks a user would write. */
  public static class Greetings {
    final AtomicInteger flakyCalls = new AtomicInteger();

    @Task(name = "greetings.hello")
    public String hello(String name) {
      return "hello " + name;
    }

    @Task(
        name = "greetings.flaky",
        retry = @Retry(maxAttempts = 3, backoff = "10s..1m", jitter = false))
    public int flaky(int failures) {
      if (flakyCalls.incrementAndGet() <= failures) {
        throw new IllegalStateException("flaky call " + flakyCalls.get());
      }
      return flakyCalls.get();
    }
  }

  private final Greetings greetings = new Greetings();
  private final CeleriacTestKit kit = CeleriacTestKit.builder().register(greetings).build();

  @AfterEach
  void closeKit() {
    kit.close();
  }

  @Test
  void drainRunsASubmittedTaskOnTheCallingThreadAndStoresItsResult() {
    TaskHandle<String> handle = kit.client().submit(Greetings::hello, "Ada");

    assertThat(handle.state()).isEqualTo(TaskState.PENDING);
    assertThat(kit.drain()).isEqualTo(1);

    assertThat(handle.state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(handle.get(Duration.ofSeconds(1))).isEqualTo("hello Ada");
  }

  @Test
  void aRetryWaitsForItsBackoffUntilTheClockIsAdvanced() {
    TaskHandle<Integer> handle = kit.client().submit(Greetings::flaky, 2);

    kit.drain();
    assertThat(handle.state()).isEqualTo(TaskState.RETRYING);
    assertThat(kit.drain()).isZero();

    kit.clock().advance(Duration.ofSeconds(10));
    kit.drain();
    assertThat(handle.state()).isEqualTo(TaskState.RETRYING);

    kit.clock().advance(Duration.ofSeconds(20));
    kit.drain();
    assertThat(handle.get(Duration.ofSeconds(1))).isEqualTo(3);
    assertThat(kit.store().attempts(handle.id())).hasSize(3);
    assertThat(kit.count(DeliveryOutcome.RETRY_SCHEDULED)).isEqualTo(2);
  }

  @Test
  void aTaskThatFailsMoreOftenThanItsAttemptsEndsFailed() {
    TaskHandle<Integer> handle = kit.client().submit(Greetings::flaky, 5);

    for (int round = 0; round < 3; round++) {
      kit.drain();
      kit.clock().advance(Duration.ofMinutes(1));
    }

    assertThat(handle.state()).isEqualTo(TaskState.FAILED);
    assertThatThrownBy(() -> handle.get(Duration.ofSeconds(1)))
        .isInstanceOf(TaskFailedException.class)
        .hasMessageContaining("flaky call 3");
  }

  @Test
  void aTaskWithAnEtaRunsOnlyOnceTheClockReachesIt() {
    TaskHandle<String> handle =
        kit.client()
            .with(SubmitOptions.builder().countdown(Duration.ofHours(1)).build())
            .submit(Greetings::hello, "later");

    assertThat(kit.drain()).isZero();
    assertThat(handle.state()).isEqualTo(TaskState.SCHEDULED);

    kit.clock().advance(Duration.ofHours(1));
    assertThat(kit.drain()).isEqualTo(1);
    assertThat(handle.get(Duration.ofSeconds(1))).isEqualTo("hello later");
  }

  @Test
  void anUnknownTaskNameIsDeadLetteredWithAClearReason() {
    TaskHandle<JsonNode> handle =
        kit.client().submitByName("greetings.nobody", List.of("x"), SubmitOptions.NONE);

    kit.drain();

    assertThat(handle.state()).isEqualTo(TaskState.DEAD);
    assertThat(kit.store().deadLetters(10))
        .singleElement()
        .satisfies(dead -> assertThat(dead.reason().message()).contains("greetings.nobody"));
    assertThat(kit.broker().deadLetters("default")).hasSize(1);
  }

  @Test
  void argumentsOfTheWrongTypeAreDeadLetteredNotRetried() {
    TaskHandle<JsonNode> handle =
        kit.client().submitByName("greetings.flaky", List.of("not a number"), SubmitOptions.NONE);

    kit.drain();

    assertThat(handle.state()).isEqualTo(TaskState.DEAD);
    assertThat(greetings.flakyCalls).hasValue(0);
  }

  @Test
  void aKitNeedsAtLeastOneTask() {
    assertThatThrownBy(() -> CeleriacTestKit.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("register");
  }
}
