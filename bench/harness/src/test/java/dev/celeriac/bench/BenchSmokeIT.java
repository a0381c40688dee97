package dev.celeriac.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.junit.IntegrationTest;
import dev.celeriac.embedded.junit.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's CI smoke: scenario 1 of the quick mode with a tiny N on both brokers, through the
 * harness's main entry, with a fake Celery side, so the harness cannot rot. No timing is asserted.
 */
@IntegrationTest
class BenchSmokeIT {
  private static final int TASKS = 200;

  @TempDir Path out;
  @TempDir Path celery;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES) // about 1 minute; more only on a machine under load
  void quickThroughputOnBothBrokersWritesReportsWhoseCountsAddUp() throws Exception {
    writeFakeCelery();
    PostgresEndpoint postgres = TestServices.postgres();

    int exit =
        BenchMain.run(
            new String[] {
              "--quick",
              "--broker",
              "both",
              "--scenario",
              "throughput",
              "--scenario",
              "celery",
              "--n",
              Integer.toString(TASKS),
              "--runs",
              "1",
              "--out",
              out.toString(),
              "--kafka-bootstrap",
              TestServices.kafka().bootstrapServers(),
              "--rabbitmq",
              TestServices.rabbitmq().uri().toString(),
              "--postgres",
              postgres.jdbcUrl(),
              "--postgres-user",
              postgres.user(),
              "--postgres-password",
              postgres.password(),
              "--celery-dir",
              celery.toString()
            });

    assertThat(exit).isEqualTo(BenchMain.EXIT_OK);
    String markdown = Files.readString(out.resolve("report.md"));
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertThat(report.path("mode").asText()).isEqualTo("quick");
    assertThat(report.path("machine").path("cores").asInt()).isPositive();
    assertThat(report.path("machine").path("PostgreSQL").asText()).startsWith("PostgreSQL");
    assertThat(report.path("machine").path("Kafka").asText()).isNotBlank();
    assertThat(report.path("machine").path("RabbitMQ").asText()).isNotBlank();
    assertThat(report.path("notes")).as("notes: %s", report.path("notes")).isEmpty();
    for (String broker : List.of("Kafka", "RabbitMQ")) {
      assertThat(values(report, broker, BrokerBench.SUCCEEDED))
          .as("%s tasks succeeded in the store", broker)
          .containsExactly((double) TASKS);
      assertThat(values(report, broker, BrokerBench.TASKS_PER_SECOND))
          .as("%s tasks/s", broker)
          .hasSize(1)
          .allSatisfy(rate -> assertThat(rate).isPositive());
      assertThat(markdown).contains("| " + broker + " | " + BrokerBench.TASKS_PER_SECOND);
    }
    // The fake Celery did 100 and 120 tasks/s: the ratio beside RabbitMQ's figure divides by 110.
    assertThat(report.path("celery").path("throughput").path("n").asInt()).isEqualTo(1_000);
    assertThat(markdown).contains("× (Celery 110)");
    assertThat(markdown)
        .contains("| RabbitMQ | Celery p99 at half of Celery's max (55/s) (ms) | 12 |");
    assertThat(markdown).contains("| throughput ≥ 10× Celery | RabbitMQ |");
  }

  private static List<Double> values(JsonNode report, String broker, String metric) {
    List<Double> values = new ArrayList<>();
    for (JsonNode figure : report.path("figures")) {
      if (figure.path("broker").asText().equals(broker)
          && figure.path("metric").asText().equals(metric)) {
        figure.path("values").forEach(v -> values.add(v.asDouble()));
      }
    }
    return values;
  }

  /** The bench/celery contract, answered at once with fixed figures. */
  private void writeFakeCelery() throws Exception {
    Files.writeString(celery.resolve("ensure-celery.sh"), "echo 'celery is present'\n");
    Files.writeString(
        celery.resolve("celery_bench.py"),
        """
        import json, sys
        args = sys.argv[1:]
        for required in ("--amqp", "--db"):
            assert required in args, required
        if args[0] == "throughput":
            print(json.dumps({"scenario": "throughput", "n": int(args[args.index("--n") + 1]),
                "runs": [{"tasks_per_s": 100.0, "submit_per_s": 800.0, "wall_s": 10.0},
                         {"tasks_per_s": 120.0, "submit_per_s": 900.0, "wall_s": 8.3}],
                "versions": {"celery": "fake"}}))
        else:
            print(json.dumps({"scenario": "latency", "rate": float(args[args.index("--rate") + 1]),
                "count": 80, "p50_ms": 5.0, "p95_ms": 9.0, "p99_ms": 12.0, "max_ms": 20.0,
                "versions": {"celery": "fake"}}))
        """);
  }
}
