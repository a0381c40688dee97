package dev.celeriac.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.celeriac.api.TaskSubmitter;
import dev.celeriac.embedded.junit.IntegrationTest;
import dev.celeriac.worker.Worker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Issue 3 acceptance: 10,000 tasks sleeping 1 s held at once by one worker (virtual threads). */
@IntegrationTest
@ParameterizedClass(name = "{0}")
@EnumSource(Brokers.class)
class ManySleepingTasksIT {
  private static final Logger log = LoggerFactory.getLogger(ManySleepingTasksIT.class);

  @Parameter Brokers broker;

  private E2eFixture fixture;

  @AfterEach
  void cleanUp() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void tenThousandSleepingTasksRunAtOnceOnOneWorker() throws Exception {
    fixture = new E2eFixture(broker);
    String queue = fixture.brokers.newWideQueue("sleepers");
    TaskSubmitter submitter = fixture.to(queue);
    // All are queued before the worker starts: it then holds them together, each sleeping 1 s.
    fixture.submitMany(10_000, i -> submitter.submit(E2eTasks::sleep, 1_000L));

    Worker worker = fixture.startWorker(fixture.workerConfig(queue).concurrency(10_000));
    AtomicInteger mostInFlight = new AtomicInteger();
    await()
        .atMost(E2eFixture.PATIENCE)
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                mostInFlight.accumulateAndGet(worker.stats().inFlight(), Math::max) >= 9_000
                    || worker.stats().processed() == 10_000);
    assertThat(mostInFlight.get()).as("most tasks in flight at once").isGreaterThanOrEqualTo(9_000);

    Ledger ledger = fixture.awaitAllSucceeded(queue, 10_000);
    log.info(
        "{}: 10,000 tasks sleeping 1 s, concurrency 10,000: at most {} in flight seen; {}",
        broker,
        mostInFlight.get(),
        ledger);
    assertThat(ledger.lost()).isZero();
    assertThat(worker.stats().succeeded()).isEqualTo(10_000);
  }
}
