package dev.celeriac.testing.internal;

import dev.celeriac.api.spi.DeadLetter;
import dev.celeriac.api.spi.DeadLetterEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dead letters with their ids and re-drive marks. Not thread-safe: the store's lock guards it.
 */
final class DeadLetterShelf {
  private static final Comparator<DeadLetterEntry> NEWEST_FIRST =
      Comparator.comparing((DeadLetterEntry e) -> e.letter().at())
          .thenComparingLong(DeadLetterEntry::id)
          .reversed();

  private final Map<Long, DeadLetterEntry> entries = new LinkedHashMap<>();
  private final Map<Long, Instant> redriven = new HashMap<>();
  private long lastId;

  void add(DeadLetter letter) {
    long id = ++lastId;
    entries.put(id, new DeadLetterEntry(id, letter, null));
  }

  List<DeadLetter> newest(int limit) {
    return entries.values().stream()
        .sorted(NEWEST_FIRST)
        .limit(limit)
        .map(DeadLetterEntry::letter)
        .toList();
  }

  List<DeadLetterEntry> open(int limit) {
    List<DeadLetterEntry> open = new ArrayList<>();
    for (DeadLetterEntry entry : entries.values()) {
      if (!redriven.containsKey(entry.id())) {
        open.add(entry);
      }
    }
    open.sort(NEWEST_FIRST);
    return List.copyOf(open.subList(0, Math.min(limit, open.size())));
  }

  Optional<DeadLetterEntry> find(long id) {
    DeadLetterEntry entry = entries.get(id);
    return entry == null
        ? Optional.empty()
        : Optional.of(new DeadLetterEntry(id, entry.letter(), redriven.get(id)));
  }

  boolean markRedriven(long id, Instant at) {
    return entries.containsKey(id) && redriven.putIfAbsent(id, at) == null;
  }

  boolean discard(long id) {
    redriven.remove(id);
    return entries.remove(id) != null;
  }
}
