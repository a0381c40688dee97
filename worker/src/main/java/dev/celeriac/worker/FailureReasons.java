package dev.celeriac.worker;

/**
 * The {@link dev.celeriac.api.FailureInfo#type() failure types} the worker records when a message
 * cannot run or its outcome cannot be stored, as opposed to exceptions thrown by task code
 * (recorded under their class name).
 */
public final class FailureReasons {
  /** The message body is not a valid envelope; it is dead-lettered. */
  public static final String MALFORMED_MESSAGE = "celeriac.MalformedMessage";

  /** No task with the message's name is registered on the worker; it is dead-lettered. */
  public static final String UNKNOWN_TASK = "celeriac.UnknownTask";

  /** The arguments do not fit the task's parameters; it is dead-lettered. */
  public static final String BAD_ARGUMENTS = "celeriac.BadArguments";

  /**
   * The broker delivered the message more times than the worker's poison limit (each earlier
   * delivery ended without a settlement: a crash, a kill, a release); it is dead-lettered instead
   * of run again.
   */
  public static final String POISON_MESSAGE = "celeriac.PoisonMessage";

  /** The message's expiry passed before a worker could start it; it is not run. */
  public static final String EXPIRED = "celeriac.Expired";

  /** The task returned a value Jackson cannot encode; it fails without a retry. */
  public static final String UNENCODABLE_RESULT = "celeriac.UnencodableResult";

  /**
   * The task was revoked with {@link dev.celeriac.api.RevokeMode#TERMINATE} while this attempt ran,
   * so the worker interrupted it; recorded on the attempt, never retried.
   */
  public static final String REVOKED = "celeriac.Revoked";

  private FailureReasons() {}
}
