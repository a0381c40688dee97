package dev.celeriac.cli.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a command opened, closed in reverse order: a worker before its broker and store, the
 * embedded servers last. A failure to close one is logged and the others are still closed. Not
 * thread-safe; one command's thread uses it.
 */
public final class Resources implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Resources.class);

  private final Deque<AutoCloseable> opened = new ArrayDeque<>();

  /** Creates an empty stack. */
  public Resources() {}

  /** Registers {@code resource} to be closed before everything registered earlier. */
  public <T extends AutoCloseable> T add(T resource) {
    opened.push(resource);
    return resource;
  }

  /** Closes everything registered, most recent first. */
  @Override
  public void close() {
    while (!opened.isEmpty()) {
      AutoCloseable resource = opened.pop();
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("closing {} failed: {}", resource, Failures.oneLine(e));
      }
    }
  }
}
