package dev.celeriac.samples;

import dev.celeriac.api.Task;
import java.util.List;

/** Building a report: structured arguments and results, encoded as JSON on the way. */
public class ReportTasks {

  /** What to summarise. */
  public record ReportRequest(String title, List<Double> values) {}

  /** The summary. */
  public record Report(String title, int count, double total, double mean) {}

  /** Summarises {@code request}'s values. */
  @Task(name = "reports.summarise", queue = "reports", timeout = "1m")
  public Report summarise(ReportRequest request) {
    double total = request.values().stream().mapToDouble(Double::doubleValue).sum();
    int count = request.values().size();
    return new Report(request.title(), count, total, count == 0 ? 0 : total / count);
  }
}
