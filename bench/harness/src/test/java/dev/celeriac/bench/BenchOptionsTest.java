package dev.celeriac.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.celeriac.bench.BenchOptions.BrokerKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void defaultsAreTheFullModeOnBothBrokersWithEveryScenario() {
    BenchOptions options = BenchOptions.parse(new String[0]);

    assertThat(options.quick()).isFalse();
    assertThat(options.brokers()).containsExactly(BrokerKind.KAFKA, BrokerKind.RABBITMQ);
    assertThat(options.scenarios()).containsExactlyInAnyOrder(Scenario.values());
    assertThat(options.sizes()).isEqualTo(Sizes.FULL);
    assertThat(options.out().toString()).startsWith("bench/results/");
    assertThat(options.kafkaBootstrap()).isNull();
    assertThat(options.celeryDir()).isEqualTo(Path.of("bench", "celery"));
  }

  @Test
  void quickModeWithRepeatedScenariosAndOverrides() {
    BenchOptions options =
        BenchOptions.parse(
            new String[] {
              "--quick",
              "--broker",
              "rabbitmq",
              "--scenario",
              "throughput",
              "--scenario",
              "latency",
              "--runs",
              "1",
              "--n",
              "200",
              "--out",
              "/tmp/x"
            });

    assertThat(options.mode()).isEqualTo("quick");
    assertThat(options.brokers()).containsExactly(BrokerKind.RABBITMQ);
    assertThat(options.scenarios()).containsExactly(Scenario.THROUGHPUT, Scenario.LATENCY);
    assertThat(options.sizes().tasks()).isEqualTo(200);
    assertThat(options.sizes().runs()).isEqualTo(1);
    assertThat(options.sizes().latencyRuns()).isEqualTo(1);
    assertThat(options.sizes().sleepers()).isEqualTo(Sizes.QUICK.sleepers());
    assertThat(options.out()).isEqualTo(Path.of("/tmp/x"));
  }

  @Test
  void badInputIsNamedInTheMessage() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--broker", "redis"}))
        .hasMessage("--broker takes kafka, rabbitmq or both, was 'redis'");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--scenario", "speed"}))
        .hasMessageStartingWith("--scenario: no scenario 'speed'; there are throughput, raw,");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--runs", "zero"}))
        .hasMessage("--runs takes a whole number, was 'zero'");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--runs", "0"}))
        .hasMessage("--runs must be at least 1, was 0");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--out"}))
        .hasMessage("--out needs a value");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--fast"}))
        .hasMessage("--fast needs a value");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--fast", "1"}))
        .hasMessage("unknown option --fast");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--postgres", "postgres://x"}))
        .hasMessageStartingWith("--postgres takes a JDBC URL");
  }

  @Test
  void benchMainAnswersBadOptionsWithTheUsageExitCode() {
    assertThat(BenchMain.run(new String[] {"--broker", "redis"})).isEqualTo(BenchMain.EXIT_USAGE);
  }

  @Test
  void celeryGetsTheDefaultVirtualHostAsKombuWritesIt() {
    assertThat(BenchMain.kombuUrl("amqp://guest:guest@127.0.0.1:5672/%2f"))
        .isEqualTo("amqp://guest:guest@127.0.0.1:5672//");
    assertThat(BenchMain.kombuUrl("amqp://u:p@rabbit:5672/orders"))
        .isEqualTo("amqp://u:p@rabbit:5672/orders");
  }

  @Test
  void databaseUrlsKeepTheirParametersWhenTheDatabaseIsSwapped() {
    assertThat(
            BenchDatabase.withDatabase(
                "jdbc:postgresql://127.0.0.1:5432/postgres?sslmode=disable", "celeriac_bench_1"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/celeriac_bench_1?sslmode=disable");
    assertThat(BenchDatabase.withDatabase("jdbc:postgresql://db:5433", "b"))
        .isEqualTo("jdbc:postgresql://db:5433/b");
  }
}
