package dev.celeriac.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.celeriac.api.TaskSubmitter;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.embedded.junit.IntegrationTest;
import dev.celeriac.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 4 acceptance, RabbitMQ only: the server drops the worker's connections mid-run (its own
 * connections, by name, with {@code rabbitmqctl close_connection}; the server is shared, so never
 * {@code close_all_connections}), and every task still ends with exactly one result.
 */
@IntegrationTest
class RabbitMqConnectionDropIT {
  private static final Logger log = LoggerFactory.getLogger(RabbitMqConnectionDropIT.class);

  private final E2eFixture fixture = new E2eFixture(Brokers.RABBITMQ);

  @AfterEach
  void cleanUp() {
    fixture.close();
  }

  @Test
  void connectionDroppedWhileFiveThousandTasksRunCostsNoTaskAndNoSecondResult() throws Exception {
    RabbitMqUnderTest rabbit = (RabbitMqUnderTest) fixture.brokers;
    String queue = rabbit.newQueue("drop");
    Broker workerBroker = rabbit.newBroker();
    // 100 at a time, 200 ms each: the run lasts well beyond the drop.
    Worker worker = fixture.startWorker(fixture.workerConfig(queue).concurrency(100), workerBroker);
    // Looked up before the run: rabbitmqctl is slow, and the drop must come mid-run.
    List<String> connections = rabbit.connectionsOf(workerBroker);
    TaskSubmitter submitter = fixture.to(queue);
    fixture.submitMany(5_000, i -> submitter.submit(E2eTasks::sleep, 200L));
    await().atMost(E2eFixture.PATIENCE).until(() -> Ledger.of(queue, 5_000).succeeded() >= 500);

    rabbit.dropConnections(connections);
    long doneAtDrop = Ledger.of(queue, 5_000).succeeded();

    // Its consume connection; it opens a publish connection only to dispatch retries.
    assertThat(connections).as("the worker's connections").isNotEmpty();
    assertThat(doneAtDrop).as("tasks done when the connections were dropped").isLessThan(5_000);
    Ledger ledger = fixture.awaitAllSucceeded(queue, 5_000);
    log.info("RabbitMQ: connections dropped with {} of 5,000 tasks done: {}", doneAtDrop, ledger);
    assertThat(ledger.lost()).isZero();
    assertThat(ledger.resultRecords()).isEqualTo(5_000);
    assertThat(worker.stats().succeeded())
        .as("successes the store applied; a rerun's second result is refused")
        .isEqualTo(5_000);
  }
}
