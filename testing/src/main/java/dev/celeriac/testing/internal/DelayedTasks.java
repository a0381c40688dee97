package dev.celeriac.testing.internal;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The delayed table: messages waiting for their due time, each claimable under a lease. */
final class DelayedTasks {
  private final Map<TaskId, Entry> entries = new HashMap<>();

  void put(TaskMessage message, Instant dueAt) {
    entries.put(message.id(), new Entry(message, dueAt, null));
  }

  void remove(TaskId id) {
    entries.remove(id);
  }

  void removeAll(Collection<TaskId> ids) {
    ids.forEach(entries::remove);
  }

  /** Claims up to {@code limit} entries due at {@code dueBy} whose lease ended by {@code now}. */
  List<TaskMessage> claim(Instant dueBy, int limit, Instant now, Duration lease) {
    List<Entry> due =
        entries.values().stream()
            .filter(e -> !e.dueAt().isAfter(dueBy))
            .filter(e -> e.leasedUntil() == null || !e.leasedUntil().isAfter(now))
            .sorted(
                Comparator.comparing(Entry::dueAt)
                    .thenComparing(e -> e.message().id(), TaskIds::compareUnsigned))
            .limit(limit)
            .toList();
    for (Entry entry : due) {
      entries.put(entry.message().id(), new Entry(entry.message(), entry.dueAt(), now.plus(lease)));
    }
    return due.stream().map(Entry::message).toList();
  }

  /** The earliest time an entry becomes claimable: its due time, or its lease end if later. */
  Optional<Instant> nextDue() {
    return entries.values().stream().map(Entry::claimableAt).min(Comparator.naturalOrder());
  }

  private record Entry(TaskMessage message, Instant dueAt, @Nullable Instant leasedUntil) {
    Instant claimableAt() {
      return leasedUntil != null && leasedUntil.isAfter(dueAt) ? leasedUntil : dueAt;
    }
  }
}
