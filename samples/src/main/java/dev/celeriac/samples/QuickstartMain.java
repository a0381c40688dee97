package dev.celeriac.samples;

import dev.celeriac.api.SubmitOptions;
import dev.celeriac.api.TaskClient;
import dev.celeriac.api.TaskFailedException;
import dev.celeriac.api.TaskHandle;
import dev.celeriac.api.spi.AttemptRecord;
import dev.celeriac.broker.kafka.KafkaBroker;
import dev.celeriac.broker.kafka.KafkaBrokerConfig;
import dev.celeriac.embedded.EmbeddedKafka;
import dev.celeriac.embedded.EmbeddedPostgres;
import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.samples.ReportTasks.Report;
import dev.celeriac.samples.ReportTasks.ReportRequest;
import dev.celeriac.store.postgres.PostgresTaskStore;
import dev.celeriac.worker.TaskRegistry;
import dev.celeriac.worker.Worker;
import dev.celeriac.worker.WorkerConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The quick start: starts an embedded Kafka and PostgreSQL in this JVM, a worker with the sample
 * tasks, and a client that submits a mix of tasks, waits for each result and prints it with the
 * attempt history PostgreSQL recorded. Run it with the README's run command.
 */
public final class QuickstartMain {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private QuickstartMain() {}

  /** Runs the walk-through; exits 0 when every task ended as expected. */
  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    out.println("Celeriac quick start: starting embedded PostgreSQL and Kafka …");
    try (var postgres = new EmbeddedPostgres(null);
        var kafka = EmbeddedKafka.builder().build()) {
      PostgresEndpoint db = postgres.start();
      String bootstrap = kafka.start().bootstrapServers();
      out.println("  PostgreSQL " + db.jdbcUrl() + "   Kafka " + bootstrap);
      boolean ok = run(db, bootstrap, out);
      System.exit(ok ? 0 : 1);
    }
  }

  static boolean run(PostgresEndpoint db, String bootstrap, PrintStream out) {
    try (var store =
            PostgresTaskStore.builder()
                .jdbcUrl(db.jdbcUrl())
                .user(db.user())
                .password(db.password())
                .build();
        var broker = KafkaBroker.create(KafkaBrokerConfig.builder(bootstrap).build())) {
      store.migrate();
      store.start();
      TaskRegistry registry =
          TaskRegistry.builder()
              .register(new EmailTasks(new FlakyMailServer(1)))
              .register(new ReportTasks())
              .build();
      try (var worker =
              Worker.builder()
                  .config(WorkerConfig.builder(registry.queues()).concurrency(100).build())
                  .registry(registry)
                  .broker(broker)
                  .store(store)
                  .build();
          var client = TaskClient.builder().broker(broker).store(store).build()) {
        worker.start();
        return submitAndReport(client, store, out);
      }
    }
  }

  private static boolean submitAndReport(
      TaskClient client, PostgresTaskStore store, PrintStream out) {
    out.println("Submitting tasks …");
    List<TaskHandle<String>> emails = new ArrayList<>();
    for (String to : List.of("ada@example.com", "grace@example.com", "alan@example.com")) {
      emails.add(client.submit(EmailTasks::send, to, "Welcome", "Hello from Celeriac", null));
    }
    TaskHandle<String> invalid = client.submit(EmailTasks::send, "not-an-address", "x", "y", null);
    TaskHandle<Report> report =
        client
            .with(SubmitOptions.builder().countdown(Duration.ofSeconds(2)).build())
            .submit(
                ReportTasks::summarise,
                new ReportRequest("weekly sales", List.of(12.0, 30.5, 7.5)));

    boolean ok = true;
    for (TaskHandle<String> email : emails) {
      String messageId = email.get(WAIT);
      out.printf("  emails.send %s  SUCCEEDED  %s%n", email.id(), messageId);
      for (AttemptRecord attempt : store.attempts(email.id())) {
        out.printf(
            "      attempt %d on %s: %s%s%n",
            attempt.attempt(),
            attempt.workerId(),
            attempt.outcome(),
            attempt.failure() == null ? "" : " (" + attempt.failure().summary() + ")");
      }
    }
    try {
      invalid.get(WAIT);
      ok = false;
      out.println("  emails.send to an invalid address unexpectedly succeeded");
    } catch (TaskFailedException e) {
      out.printf("  emails.send %s  %s  %s%n", invalid.id(), e.state(), e.failure().message());
    }
    Report summary = report.get(WAIT);
    out.printf(
        "  reports.summarise %s  SUCCEEDED  %s (ran after a 2 s countdown)%n",
        report.id(), summary);
    out.println(ok ? "Done: every task ended as expected." : "Done, with surprises (see above).");
    return ok;
  }
}
