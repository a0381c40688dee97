package dev.celeriac.testing.internal;

import dev.celeriac.api.spi.PageCursor;
import dev.celeriac.api.spi.TaskPage;
import dev.celeriac.api.spi.TaskQuery;
import dev.celeriac.api.spi.TaskRecord;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Filters and keyset-paginates task records the way the PostgreSQL store's SQL does. */
final class TaskQueries {
  /** Newest submission first; ties broken by id, descending. */
  static final Comparator<TaskRecord> NEWEST_FIRST =
      Comparator.comparing(TaskRecord::submittedAt)
          .thenComparing(TaskRecord::id, TaskIds::compareUnsigned)
          .reversed();

  private TaskQueries() {}

  static TaskPage page(Collection<TaskRecord> rows, TaskQuery query) {
    List<TaskRecord> matching =
        rows.stream()
            .filter(r -> matches(r, query))
            .sorted(NEWEST_FIRST)
            .limit(query.limit() + 1L)
            .toList();
    if (matching.size() <= query.limit()) {
      return new TaskPage(matching, null);
    }
    List<TaskRecord> page = matching.subList(0, query.limit());
    TaskRecord last = page.getLast();
    return new TaskPage(page, new PageCursor(last.submittedAt(), last.id()));
  }

  private static boolean matches(TaskRecord row, TaskQuery query) {
    return (query.states().isEmpty() || query.states().contains(row.state()))
        && (query.name() == null || query.name().equals(row.name()))
        && (query.queue() == null || query.queue().equals(row.queue()))
        && (query.submittedFrom() == null || !row.submittedAt().isBefore(query.submittedFrom()))
        && (query.submittedBefore() == null || row.submittedAt().isBefore(query.submittedBefore()))
        && (query.text() == null || matchesText(row, query.text()))
        && (query.after() == null || isAfter(row, query.after()));
  }

  private static boolean matchesText(TaskRecord row, String text) {
    String needle = text.strip().toLowerCase(Locale.ROOT);
    return row.id().toString().equals(needle)
        || row.name().toLowerCase(Locale.ROOT).contains(needle);
  }

  /** True if {@code row} sorts after the cursor's row, newest first. */
  private static boolean isAfter(TaskRecord row, PageCursor cursor) {
    int bySubmission = row.submittedAt().compareTo(cursor.submittedAt());
    return bySubmission < 0
        || (bySubmission == 0 && TaskIds.compareUnsigned(row.id(), cursor.id()) < 0);
  }
}
