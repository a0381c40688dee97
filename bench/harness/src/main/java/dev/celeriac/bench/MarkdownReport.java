package dev.celeriac.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link Report} as Markdown: machine facts, a table per scenario, targets, notes. */
final class MarkdownReport {
  private MarkdownReport() {}

  /** The report as one Markdown document. */
  static String render(Report report) {
    StringBuilder md = new StringBuilder();
    md.append("# Celeriac benchmark — ").append(report.date).append(" (").append(report.mode);
    md.append(" mode)\n\n");
    md.append("| machine | |\n|---|---|\n");
    report.machine.forEach((key, value) -> row(md, key, value));
    md.append('\n');
    Map<String, List<Report.Figure>> byScenario = new LinkedHashMap<>();
    for (Report.Figure figure : report.figures) {
      byScenario.computeIfAbsent(figure.scenario(), s -> new ArrayList<>()).add(figure);
    }
    byScenario.forEach((scenario, figures) -> scenarioTable(md, scenario, figures));
    if (!report.targets.isEmpty()) {
      md.append("## Targets (issue 8)\n\n| target | broker | measured | verdict |\n");
      md.append("|---|---|---|---|\n");
      for (Report.TargetCheck check : report.targets) {
        row(md, check.target(), check.broker(), check.measured(), check.verdict());
      }
      md.append('\n');
    }
    if (!report.formulas.isEmpty()) {
      md.append("## How the figures are computed\n\n");
      report.formulas.forEach(
          (name, formula) ->
              md.append("- ").append(name).append(": ").append(formula).append('\n'));
      md.append('\n');
    }
    if (!report.notes.isEmpty()) {
      md.append("## Notes\n\n");
      report.notes.forEach(note -> md.append("- ").append(note).append('\n'));
    }
    return md.toString();
  }

  private static void scenarioTable(StringBuilder md, String scenario, List<Report.Figure> rows) {
    boolean celery = rows.stream().anyMatch(f -> !f.versusCelery().isEmpty());
    md.append("## ").append(scenario).append("\n\n");
    md.append("| broker | metric | median | spread (min–max) | IQR | runs |");
    md.append(celery ? " Celeriac ÷ Celery |" : "").append(" note |\n");
    md.append("|---|---|---:|---|---|---:|").append(celery ? "---|" : "").append("---|\n");
    for (Report.Figure f : rows) {
      Summary s = f.summary();
      List<String> cells = new ArrayList<>(List.of(f.broker(), f.metric() + " (" + f.unit() + ")"));
      if (s == null) {
        cells.addAll(List.of("—", "—", "—", "0"));
      } else {
        cells.add(number(s.median()));
        cells.add(number(s.min()) + " – " + number(s.max()));
        cells.add(number(s.q1()) + " – " + number(s.q3()));
        cells.add(Integer.toString(s.runs()));
      }
      if (celery) {
        cells.add(f.versusCelery());
      }
      cells.add(f.note());
      row(md, cells.toArray(String[]::new));
    }
    md.append('\n');
  }

  private static void row(StringBuilder md, String... cells) {
    md.append('|');
    for (String cell : cells) {
      md.append(' ').append(cell.replace("|", "\\|").replace("\n", " ")).append(" |");
    }
    md.append('\n');
  }

  /**
   * A number as the report prints it: three significant digits below 100, whole numbers with
   * thousands separators from 100 on.
   */
  static String number(double value) {
    if (Math.abs(value) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (value == Math.rint(value)) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }
}
