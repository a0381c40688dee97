package dev.celeriac.faults;

import dev.celeriac.api.TaskId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The audit of one ledger run, read from the test's database after the faults stopped: what every
 * submitted task ended as, against what it was designed to end as.
 *
 * @param submitted tasks whose submission was durable
 * @param succeeded tasks {@code SUCCEEDED} with the expected result stored
 * @param failedAsDesigned {@link Workload.Kind#DOOMED} tasks {@code FAILED} with their designed
 *     failure
 * @param wrongResult tasks {@code SUCCEEDED} with a stored result other than the expected one
 * @param unexpectedEnd tasks in a terminal state other than the designed one ({@code DEAD}, a plain
 *     task {@code FAILED}, …)
 * @param lost submitted tasks with no row, or a row that never reached a terminal state
 * @param resultRecords task rows holding a result
 * @param duplicateResults task ids with more than one task row holding a result
 * @param executedMoreThanOnce tasks with an attempt whose body ran more than once (from the tasks'
 *     own execution records)
 * @param extraExecutions executions beyond one per attempt, over all tasks
 * @param executions task bodies run, over all tasks
 * @param dead tasks recorded {@code DEAD}
 * @param brokerDeadLetters messages the broker dead-lettered into its own place, -1 where it has
 *     none
 * @param examples a few ids of tasks lost or ending wrongly, with their state, for a failure
 */
record LedgerAudit(
    long submitted,
    long succeeded,
    long failedAsDesigned,
    long wrongResult,
    long unexpectedEnd,
    long lost,
    long resultRecords,
    long duplicateResults,
    long executedMoreThanOnce,
    long extraExecutions,
    long executions,
    long dead,
    long brokerDeadLetters,
    List<String> examples) {

  private static final Set<String> TERMINAL =
      Set.of("SUCCEEDED", "FAILED", "TIMED_OUT", "REVOKED", "EXPIRED", "DEAD");

  /** One task's row, as far as the audit needs it. */
  private record Row(String state, String result, String failureType) {}

  /** Reads the audit of {@code submitted} from {@code connection}. */
  static LedgerAudit read(
      Connection connection, Map<TaskId, Workload.Call> submitted, long brokerDeadLetters)
      throws SQLException {
    UUID[] ids = submitted.keySet().stream().map(TaskId::value).toArray(UUID[]::new);
    Map<UUID, Row> rows = rows(connection, ids);
    long succeeded = 0;
    long failedAsDesigned = 0;
    long wrongResult = 0;
    long unexpectedEnd = 0;
    long lost = 0;
    long dead = 0;
    long resultRecords = 0;
    List<String> examples = new ArrayList<>();
    for (var entry : submitted.entrySet()) {
      Workload.Call call = entry.getValue();
      Row row = rows.get(entry.getKey().value());
      String verdict;
      if (row == null || !TERMINAL.contains(row.state())) {
        lost++;
        verdict = "lost (" + (row == null ? "no row" : row.state()) + ")";
      } else {
        if (row.result() != null) {
          resultRecords++;
        }
        if ("DEAD".equals(row.state())) {
          dead++;
        }
        if (call.kind() == Workload.Kind.DOOMED) {
          boolean designed =
              "FAILED".equals(row.state())
                  && row.failureType() != null
                  && row.failureType().endsWith("DesignedFailureException");
          if (designed) {
            failedAsDesigned++;
            continue;
          }
          unexpectedEnd++;
          verdict = "doomed task ended " + row.state() + " " + row.failureType();
        } else if ("SUCCEEDED".equals(row.state())) {
          if (Long.toString(call.expected()).equals(row.result())) {
            succeeded++;
            continue;
          }
          wrongResult++;
          verdict = "result " + row.result() + ", expected " + call.expected();
        } else {
          unexpectedEnd++;
          verdict = "ended " + row.state() + " " + row.failureType();
        }
      }
      if (examples.size() < 10) {
        examples.add(entry.getKey() + " " + call.kind() + ": " + verdict);
      }
    }
    long[] executions = executions(connection, ids);
    return new LedgerAudit(
        submitted.size(),
        succeeded,
        failedAsDesigned,
        wrongResult,
        unexpectedEnd,
        lost,
        resultRecords,
        duplicateRows(connection, ids),
        executions[0],
        executions[1],
        executions[2],
        dead,
        brokerDeadLetters,
        List.copyOf(examples));
  }

  /** Whether every submitted task reached a terminal state (the run has settled). */
  boolean settled() {
    return lost == 0;
  }

  private static Map<UUID, Row> rows(Connection connection, UUID[] ids) throws SQLException {
    Map<UUID, Row> rows = new HashMap<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT id, state, result::text, failure_type FROM celeriac_tasks WHERE id = ANY(?)")) {
      query.setArray(1, connection.createArrayOf("uuid", ids));
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          rows.put(
              result.getObject(1, UUID.class),
              new Row(result.getString(2), result.getString(3), result.getString(4)));
        }
      }
    }
    return rows;
  }

  private static long duplicateRows(Connection connection, UUID[] ids) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            """
            SELECT count(*) FROM (SELECT id FROM celeriac_tasks
             WHERE id = ANY(?) AND result IS NOT NULL GROUP BY id HAVING count(*) > 1) AS twice
            """)) {
      query.setArray(1, connection.createArrayOf("uuid", ids));
      try (ResultSet result = query.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  /** Tasks with a rerun attempt, executions beyond one per attempt, and all executions. */
  private static long[] executions(Connection connection, UUID[] ids) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            """
            SELECT count(DISTINCT task_id) FILTER (WHERE runs > 1),
                   coalesce(sum(runs - 1), 0),
                   coalesce(sum(runs), 0)
              FROM (SELECT task_id, attempt, count(*) AS runs FROM fault_executions
                     WHERE task_id = ANY(?) GROUP BY task_id, attempt) AS per_attempt
            """)) {
      query.setArray(1, connection.createArrayOf("uuid", ids));
      try (ResultSet result = query.executeQuery()) {
        result.next();
        return new long[] {result.getLong(1), result.getLong(2), result.getLong(3)};
      }
    }
  }

  /** The ledger as a table, for the log and the report file. */
  String table(String title) {
    String[][] lines = {
      {"submitted", Long.toString(submitted)},
      {"succeeded (expected result stored)", Long.toString(succeeded)},
      {"failed as designed", Long.toString(failedAsDesigned)},
      {"wrong result stored", Long.toString(wrongResult)},
      {"ended otherwise than designed", Long.toString(unexpectedEnd)},
      {"lost", Long.toString(lost)},
      {"result records (one per succeeded id)", Long.toString(resultRecords)},
      {"duplicate result records", Long.toString(duplicateResults)},
      {"executed more than once (tasks)", Long.toString(executedMoreThanOnce)},
      {"extra executions", Long.toString(extraExecutions)},
      {"executions in all", Long.toString(executions)},
      {"DEAD", Long.toString(dead)},
      {"broker dead letters", brokerDeadLetters < 0 ? "n/a" : Long.toString(brokerDeadLetters)},
    };
    StringBuilder out = new StringBuilder(title).append('\n');
    out.append("| what | count |\n|---|---:|\n");
    for (String[] line : lines) {
      out.append("| ").append(line[0]).append(" | ").append(line[1]).append(" |\n");
    }
    if (!examples.isEmpty()) {
      out.append("examples:\n");
      examples.forEach(example -> out.append("  ").append(example).append('\n'));
    }
    return out.toString();
  }
}
