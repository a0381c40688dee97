package dev.celeriac.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.api.TaskSubmitter;
import dev.celeriac.embedded.junit.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Issue 3 acceptance: many tasks through the real broker, worker and PostgreSQL. */
@IntegrationTest
@ParameterizedClass(name = "{0}")
@EnumSource(Brokers.class)
class ManyTasksIT {
  private static final Logger log = LoggerFactory.getLogger(ManyTasksIT.class);

  @Parameter Brokers broker;

  private E2eFixture fixture;

  @AfterEach
  void cleanUp() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void tenThousandNoOpTasksAllSucceedWithExactlyOneResultRecordEach() throws Exception {
    fixture = new E2eFixture(broker);
    String queue = fixture.brokers.newQueue("noop");
    fixture.startWorker(fixture.workerConfig(queue));
    TaskSubmitter submitter = fixture.to(queue);

    fixture.submitMany(10_000, i -> submitter.submit(E2eTasks::noop));

    Ledger ledger = fixture.awaitAllSucceeded(queue, 10_000);
    log.info("{}: 10,000 no-op tasks: {}", broker, ledger);
    assertThat(ledger.lost()).isZero();
    assertThat(ledger.resultRecords()).isEqualTo(10_000);
    assertThat(ledger.executedMoreThanOnce()).isZero();
    assertThat(
            E2eDatabase.count(
                """
                SELECT count(*) FROM celeriac_attempts a JOIN celeriac_tasks t ON t.id = a.task_id
                 WHERE t.queue = ? AND a.outcome = 'SUCCEEDED'
                """,
                queue))
        .as("attempt rows that recorded a success")
        .isEqualTo(10_000);
    assertThat(E2eDatabase.count("SELECT count(*) FROM celeriac_tasks WHERE queue = ?", queue))
        .as("task rows")
        .isEqualTo(10_000);
  }
}
