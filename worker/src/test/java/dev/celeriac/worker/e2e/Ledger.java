package dev.celeriac.worker.e2e;

/**
 * The count of what happened to the tasks of one queue, read from PostgreSQL: how many were
 * submitted, how many ended {@code SUCCEEDED}, how many ran more than once (more than one attempt
 * row), how many have a result record (a task row with a stored result), how many ended {@code
 * DEAD} (never run: poison, unknown, undecodable), and how many are lost (submitted, yet not {@code
 * SUCCEEDED}).
 *
 * @param submitted tasks the test submitted
 * @param succeeded tasks whose row is {@code SUCCEEDED}
 * @param executedMoreThanOnce tasks with more than one attempt row
 * @param resultRecords task rows holding a result
 * @param dead tasks whose row is {@code DEAD}
 * @param lost submitted minus succeeded
 */
record Ledger(
    long submitted,
    long succeeded,
    long executedMoreThanOnce,
    long resultRecords,
    long dead,
    long lost) {

  /** The ledger of {@code queue}, to which {@code submitted} tasks were submitted. */
  static Ledger of(String queue, long submitted) {
    long succeeded =
        E2eDatabase.count(
            "SELECT count(*) FROM celeriac_tasks WHERE queue = ? AND state = 'SUCCEEDED'", queue);
    long executedMoreThanOnce =
        E2eDatabase.count(
            """
            SELECT count(*) FROM (
              SELECT a.task_id FROM celeriac_attempts a JOIN celeriac_tasks t ON t.id = a.task_id
               WHERE t.queue = ? GROUP BY a.task_id HAVING count(*) > 1) AS again
            """,
            queue);
    long resultRecords =
        E2eDatabase.count(
            "SELECT count(*) FROM celeriac_tasks WHERE queue = ? AND result IS NOT NULL", queue);
    long dead =
        E2eDatabase.count(
            "SELECT count(*) FROM celeriac_tasks WHERE queue = ? AND state = 'DEAD'", queue);
    return new Ledger(
        submitted, succeeded, executedMoreThanOnce, resultRecords, dead, submitted - succeeded);
  }

  /** One line for the build log. */
  @Override
  public String toString() {
    return ("submitted %d, succeeded %d, executed more than once %d, result records %d, dead %d,"
            + " lost %d")
        .formatted(submitted, succeeded, executedMoreThanOnce, resultRecords, dead, lost);
  }
}
