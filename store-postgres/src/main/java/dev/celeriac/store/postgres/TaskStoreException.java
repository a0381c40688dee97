package dev.celeriac.store.postgres;

import dev.celeriac.api.CeleriacException;

/**
 * The PostgreSQL store could not do what was asked: a batch of writes was not committed (the
 * database was unreachable or refused it), a read failed, or the store is closed. A write that
 * fails with this exception was not committed, unless the connection broke during the commit
 * itself; retrying it is safe (see {@link PostgresTaskStore}).
 */
public class TaskStoreException extends CeleriacException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message a person can act on. */
  public TaskStoreException(String message) {
    super(message);
  }

  /** An exception with a message and the database error that caused it. */
  public TaskStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
