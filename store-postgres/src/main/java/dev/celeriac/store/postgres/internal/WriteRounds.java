package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.TaskId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a batch into rounds in which each task id appears at most once. Rounds run in order in one
 * transaction, so two writes for one id apply in the order they arrived (the second finish of an id
 * sees the first one's terminal state), while each round stays a set of multi-row statements.
 */
final class WriteRounds {
  private WriteRounds() {}

  static List<List<PendingWrite>> split(List<PendingWrite> batch) {
    List<List<PendingWrite>> rounds = new ArrayList<>();
    Map<TaskId, Integer> seen = new HashMap<>();
    for (PendingWrite write : batch) {
      TaskId id = write.taskId();
      int round = id == null ? 0 : seen.merge(id, 1, Integer::sum) - 1;
      while (rounds.size() <= round) {
        rounds.add(new ArrayList<>());
      }
      rounds.get(round).add(write);
    }
    return rounds;
  }
}
