package dev.celeriac.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one benchmark run found, written as {@code report.md} ({@link MarkdownReport}) and {@code
 * report.json} (this object through Jackson). Filled in by the scenarios as they run; not
 * thread-safe.
 */
final class Report {
  /**
   * One measured figure of one scenario on one broker.
   *
   * @param scenario the scenario's title
   * @param broker the broker's name, or "—" where none applies
   * @param metric what was measured
   * @param unit the unit of the values
   * @param summary median and spread, or null if nothing was measured
   * @param values the value of each run
   * @param note what else the row must say (a failure, a count), or empty
   * @param versusCelery the Celeriac/Celery ratio beside this figure, or empty
   */
  record Figure(
      String scenario,
      String broker,
      String metric,
      String unit,
      @Nullable Summary summary,
      List<Double> values,
      String note,
      String versusCelery) {}

  /**
   * A target of issue 8 and whether this run met it.
   *
   * @param target the target as the issue states it
   * @param broker the broker it was checked on
   * @param measured what this run measured
   * @param verdict met, missed, or not measured
   */
  record TargetCheck(String target, String broker, String measured, String verdict) {}

  final String date;
  final String mode;
  final Map<String, String> machine = new LinkedHashMap<>();
  final List<Figure> figures = new ArrayList<>();
  final List<TargetCheck> targets = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  final Map<String, Object> celery = new LinkedHashMap<>();
  final Map<String, String> formulas = new LinkedHashMap<>();

  Report(String date, String mode) {
    this.date = date;
    this.mode = mode;
  }

  /** Adds a figure of {@code values} (one per run); returns it. */
  Figure add(Scenario scenario, String broker, String metric, String unit, List<Double> values) {
    return add(scenario, broker, metric, unit, values, "");
  }

  /** Adds a figure of {@code values} with a note; returns it. */
  Figure add(
      Scenario scenario,
      String broker,
      String metric,
      String unit,
      List<Double> values,
      String note) {
    Figure figure =
        new Figure(
            scenario.title(),
            broker,
            metric,
            unit,
            values.isEmpty() ? null : Summary.of(values),
            List.copyOf(values),
            note,
            "");
    figures.add(figure);
    return figure;
  }

  /** Puts {@code ratio} beside {@code figure}. */
  void setVersusCelery(Figure figure, String ratio) {
    int index = figures.indexOf(figure);
    figures.set(
        index,
        new Figure(
            figure.scenario(),
            figure.broker(),
            figure.metric(),
            figure.unit(),
            figure.summary(),
            figure.values(),
            figure.note(),
            ratio));
  }

  /** The median of the figure {@code metric} of {@code scenario} on {@code broker}, if any. */
  @Nullable Double median(Scenario scenario, String broker, String metric) {
    for (Figure figure : figures) {
      if (figure.scenario().equals(scenario.title())
          && figure.broker().equals(broker)
          && figure.metric().equals(metric)
          && figure.summary() != null) {
        return figure.summary().median();
      }
    }
    return null;
  }

  /** The figure {@code metric} of {@code scenario} on {@code broker}, if any. */
  @Nullable Figure figure(Scenario scenario, String broker, String metric) {
    for (Figure figure : figures) {
      if (figure.scenario().equals(scenario.title())
          && figure.broker().equals(broker)
          && figure.metric().equals(metric)) {
        return figure;
      }
    }
    return null;
  }

  /** Records a target check. */
  void check(String target, String broker, String measured, String verdict) {
    targets.add(new TargetCheck(target, broker, measured, verdict));
  }

  /** Records a target check of a measured value against a bound. */
  void check(String target, String broker, @Nullable Double measured, String unit, boolean met) {
    if (measured == null) {
      check(target, broker, "—", "not measured");
    } else {
      check(target, broker, MarkdownReport.number(measured) + " " + unit, met ? "met" : "missed");
    }
  }
}
