package dev.celeriac.console;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.TaskCompletion;
import dev.celeriac.api.spi.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Fifteen minutes of finished tasks written straight to a store, so the browser test's overview
 * chart and counts have a history to draw (its screenshots illustrate the README). Seeded random:
 * the same history every run.
 */
final class RecentHistory {
  private static final String[] NAMES = {"emails.send", "reports.build", "images.resize"};
  private static final String[] QUEUES = {"emails", "reports", "default"};

  private RecentHistory() {}

  static void seed(TaskStore store, Instant now) {
    Random random = new Random(6);
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (int minute = 14; minute >= 1; minute--) {
      int count = 18 + random.nextInt(30);
      for (int i = 0; i < count; i++) {
        int kind = random.nextInt(NAMES.length);
        Instant submitted =
            now.minus(Duration.ofMinutes(minute)).plusMillis(random.nextInt(55_000));
        Instant started = submitted.plusMillis(5 + random.nextInt(40));
        Instant finished =
            started.plusMillis(20 + (long) (random.nextDouble() * random.nextDouble() * 900));
        boolean fails = random.nextInt(25) == 0;
        writes.add(task(store, NAMES[kind], QUEUES[kind], submitted, started, finished, fails));
      }
    }
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
  }

  private static CompletableFuture<?> task(
      TaskStore store,
      String name,
      String queue,
      Instant submitted,
      Instant started,
      Instant finished,
      boolean fails) {
    TaskMessage m =
        new TaskMessage(
            TaskMessage.CURRENT_VERSION,
            TaskId.generate(),
            name,
            JsonNodeFactory.instance.arrayNode().add("user-" + (submitted.toEpochMilli() % 997)),
            queue,
            1,
            null,
            null,
            0,
            null,
            Map.of(),
            submitted);
    TaskCompletion end =
        fails
            ? TaskCompletion.failed(
                m.id(),
                1,
                TaskState.FAILED,
                FailureInfo.reason("java.net.SocketTimeoutException", "smtp.example.com timed out"),
                finished,
                "worker-seed",
                null)
            : TaskCompletion.succeeded(
                m.id(), 1, JsonNodeFactory.instance.textNode("ok"), finished, "worker-seed");
    return store
        .recordSubmitted(m)
        .thenCompose(v -> store.recordStarted(m, "worker-seed", started))
        .thenCompose(s -> store.recordFinished(end));
  }
}
