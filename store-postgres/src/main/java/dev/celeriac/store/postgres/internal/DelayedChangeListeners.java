package dev.celeriac.store.postgres.internal;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of {@code TaskStore.onDelayedChange}, called on the listener thread when {@code
 * NOTIFY} arrives on {@value #CHANNEL} (sent by the trigger of migration V2 when a transaction adds
 * or re-times delayed entries).
 */
public final class DelayedChangeListeners {
  /** The channel delayed changes are announced on. */
  public static final String CHANNEL = "celeriac_delayed";

  private static final Logger log = LoggerFactory.getLogger(DelayedChangeListeners.class);
  private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** Adds {@code listener}; closing the handle removes it (idempotent). */
  public AutoCloseable add(Runnable listener) {
    listeners.add(listener);
    AtomicBoolean removed = new AtomicBoolean();
    return () -> {
      if (removed.compareAndSet(false, true)) {
        listeners.remove(listener);
      }
    };
  }

  /** Calls every listener; one that throws is logged and does not stop the others. */
  public void fire() {
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        log.warn("a delayed-change listener failed", e);
      }
    }
  }
}
