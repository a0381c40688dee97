package dev.celeriac.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

  @Test
  void eachScenarioIsATableWithMedianSpreadAndRuns() {
    Report report = new Report("2026-12-05 12:00 UTC", "quick");
    report.machine.put("cores", "2");
    report.add(Scenario.THROUGHPUT, "Kafka", "tasks/s", "tasks/s", List.of(1000.0, 1200.0, 1100.0));
    report.add(Scenario.FOOTPRINT, "RabbitMQ", "idle RSS", "MiB", List.of(150.25), "one | pipe");

    String md = MarkdownReport.render(report);

    assertThat(md).startsWith("# Celeriac benchmark — 2026-12-05 12:00 UTC (quick mode)");
    assertThat(md).contains("| cores | 2 |");
    assertThat(md).contains("## 1. End-to-end throughput");
    assertThat(md)
        .contains("| Kafka | tasks/s (tasks/s) | 1,100 | 1,000 – 1,200 | 1,050 – 1,150 | 3 |  |");
    assertThat(md)
        .contains("| RabbitMQ | idle RSS (MiB) | 150 | 150 – 150 | 150 – 150 | 1 | one \\| pipe |");
  }

  @Test
  void aFigureWithoutValuesShowsDashesAndItsNote() {
    Report report = new Report("d", "full");
    report.add(Scenario.SLEEPERS, "Kafka", "wall", "s", List.of(), "did not finish in 90 s");

    assertThat(MarkdownReport.render(report))
        .contains("| Kafka | wall (s) | — | — | — | 0 | did not finish in 90 s |");
  }

  @Test
  void celeryRatiosGetAColumnOnlyWhereThereAreAny() {
    Report report = new Report("d", "quick");
    var ours = report.add(Scenario.THROUGHPUT, "RabbitMQ", "tasks/s", "tasks/s", List.of(4000.0));
    report.setVersusCelery(ours, "10× (Celery 400)");
    report.add(Scenario.FOOTPRINT, "RabbitMQ", "idle RSS", "MiB", List.of(150.0));

    String md = MarkdownReport.render(report);

    assertThat(md)
        .contains(
            "| broker | metric | median | spread (min–max) | IQR | runs | Celeriac ÷ Celery | note |");
    assertThat(md)
        .contains(
            "| RabbitMQ | tasks/s (tasks/s) | 4,000 | 4,000 – 4,000 | 4,000 – 4,000 | 1 | 10× (Celery 400) |  |");
    assertThat(md).contains("| broker | metric | median | spread (min–max) | IQR | runs | note |");
  }

  @Test
  void targetsAreListedWithTheirVerdict() {
    Report report = new Report("d", "quick");
    report.check("p99 ≤ 20 ms at half of max", "Kafka", 12.345, "ms", true);
    report.check("start to ready < 3 s", "Kafka", null, "s", false);

    String md = MarkdownReport.render(report);

    assertThat(md).contains("| p99 ≤ 20 ms at half of max | Kafka | 12.3 ms | met |");
    assertThat(md).contains("| start to ready < 3 s | Kafka | — | not measured |");
  }

  @Test
  void numbersKeepThreeSignificantDigitsBelowAHundredAndGroupThousands() {
    assertThat(MarkdownReport.number(0.012345)).isEqualTo("0.0123");
    assertThat(MarkdownReport.number(12.0)).isEqualTo("12");
    assertThat(MarkdownReport.number(99.94)).isEqualTo("99.9");
    assertThat(MarkdownReport.number(12_345.6)).isEqualTo("12,346");
  }
}
