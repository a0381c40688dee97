package dev.celeriac.api.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An operator's view of the dead letters a {@link TaskStore} keeps ({@link TaskStore#recordDead}):
 * list them with their ids, mark one re-driven once its message was submitted again, or discard it.
 * Implemented by task stores that can address single letters; the web console uses it.
 *
 * <p>A re-driven letter stays stored (as history) but leaves the {@link #openDeadLetters} list; a
 * discarded one is deleted. All methods are thread-safe and take effect when they return;
 * implementations throw their own unchecked exception when the storage cannot be reached.
 *
 * <p>Stability: may change between minor versions; every implementation runs {@code
 * OperatorStoreContractTest} from the {@code celeriac-api} test-jar.
 */
public interface DeadLetterStore {

  /**
   * Up to {@code limit} letters that were neither re-driven nor discarded, newest first (ties by
   * id, highest first).
   *
   * @throws IllegalArgumentException if {@code limit < 1}
   */
  List<DeadLetterEntry> openDeadLetters(int limit);

  /** The letter with this id, re-driven or not; empty if there is none (or it was discarded). */
  Optional<DeadLetterEntry> findDeadLetter(long id);

  /**
   * Marks the letter re-driven at {@code at}, so it leaves {@link #openDeadLetters}.
   *
   * @return true if this call marked it; false if there is no such letter or it was marked before
   */
  boolean markRedriven(long id, Instant at);

  /**
   * Deletes the letter.
   *
   * @return false if there was no such letter
   */
  boolean discardDeadLetter(long id);
}
