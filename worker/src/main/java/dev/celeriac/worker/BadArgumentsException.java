package dev.celeriac.worker;

import dev.celeriac.api.CeleriacException;
import java.lang.reflect.Type;
import java.util.OptionalInt;

/**
 * A message's arguments do not fit its task's parameters: the wrong number of them, or one that
 * cannot be read as its parameter's type. Such a message is never retried: the worker records it as
 * dead with reason {@link FailureReasons#BAD_ARGUMENTS} and rejects it.
 */
public final class BadArgumentsException extends CeleriacException {
  private static final long serialVersionUID = 1L;

  private static final int NO_INDEX = -1;

  private final String taskName;
  private final int argumentIndex;

  private BadArgumentsException(String taskName, String message) {
    super(message);
    this.taskName = taskName;
    this.argumentIndex = NO_INDEX;
  }

  private BadArgumentsException(
      String taskName, int argumentIndex, String message, Throwable cause) {
    super(message, cause);
    this.taskName = taskName;
    this.argumentIndex = argumentIndex;
  }

  /**
   * The message carried {@code actual} arguments where task {@code taskName} takes {@code
   * expected.length} (not counting {@code TaskContext} parameters).
   */
  public static BadArgumentsException wrongCount(String taskName, Type[] expected, int actual) {
    return new BadArgumentsException(
        taskName,
        "task '"
            + taskName
            + "' takes "
            + expected.length
            + " argument(s) "
            + describe(expected)
            + ", the message carried "
            + actual);
  }

  /**
   * The argument at {@code index} (0-based, among the arguments the caller passes) cannot be read
   * as {@code expected}; {@code cause} is Jackson's complaint.
   */
  public static BadArgumentsException wrongType(
      String taskName, int index, Type expected, String problem, Throwable cause) {
    return new BadArgumentsException(
        taskName,
        index,
        "argument "
            + index
            + " of task '"
            + taskName
            + "' must be "
            + expected.getTypeName()
            + ": "
            + problem,
        cause);
  }

  private static String describe(Type[] types) {
    var text = new StringBuilder("(");
    for (int i = 0; i < types.length; i++) {
      text.append(i == 0 ? "" : ", ").append(types[i].getTypeName());
    }
    return text.append(')').toString();
  }

  /** The name of the task the message was for. */
  public String taskName() {
    return taskName;
  }

  /**
   * The 0-based index of the offending argument among those the caller passes, or empty when the
   * number of arguments was wrong.
   */
  public OptionalInt argumentIndex() {
    return argumentIndex == NO_INDEX ? OptionalInt.empty() : OptionalInt.of(argumentIndex);
  }
}
