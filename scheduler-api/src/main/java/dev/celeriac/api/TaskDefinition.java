package dev.celeriac.api;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Task} method read and validated: what the client needs to submit it and the worker to
 * run it. Read with {@link #of(Method)}.
 *
 * @param name the stable task name
 * @param aliases former names
 * @param queue the default queue
 * @param retryPolicy the retry policy
 * @param timeout the per-attempt timeout, or null for none
 * @param priority the default priority
 * @param expiresAfter how long after submission it may still start, or null for ever
 * @param cpuBound whether it runs on the CPU pool
 * @param method the annotated method
 */
public record TaskDefinition(
    String name,
    List<String> aliases,
    String queue,
    RetryPolicy retryPolicy,
    @Nullable Duration timeout,
    int priority,
    @Nullable Duration expiresAfter,
    boolean cpuBound,
    Method method) {

  /** Validates the definition. */
  public TaskDefinition {
    requireNonNull(name, "name");
    requireNonNull(queue, "queue");
    requireNonNull(retryPolicy, "retryPolicy");
    requireNonNull(method, "method");
    aliases = List.copyOf(requireNonNull(aliases, "aliases"));
  }

  /**
   * Reads the {@link Task} annotation of {@code method}.
   *
   * @throws IllegalArgumentException naming the method and the attribute if the method is not a
   *     public instance method annotated with {@code @Task}, or an attribute is invalid
   */
  public static TaskDefinition of(Method method) {
    String where = method.getDeclaringClass().getName() + "." + method.getName();
    Task task = method.getAnnotation(Task.class);
    if (task == null) {
      throw new IllegalArgumentException(where + " is not annotated with @Task");
    }
    if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())) {
      throw new IllegalArgumentException(where + ": a @Task method must be public and not static");
    }
    try {
      return new TaskDefinition(
          checkedName(task.name(), "name"),
          aliasesOf(task),
          checkedName(task.queue(), "queue"),
          retryPolicy(task.retry()),
          timeout(task.timeout()),
          checkedPriority(task.priority()),
          optionalDuration(task.expires(), "expires"),
          task.cpuBound(),
          method);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("@Task on " + where + ": " + e.getMessage(), e);
    }
  }

  private static List<String> aliasesOf(Task task) {
    List<String> aliases = new ArrayList<>();
    for (String alias : task.aliases()) {
      aliases.add(checkedName(alias, "aliases"));
    }
    return aliases;
  }

  private static String checkedName(String value, String attribute) {
    if (value.isBlank()
        || value.length() > TaskMessage.MAX_NAME_LENGTH
        || !value.strip().equals(value)) {
      throw new IllegalArgumentException(
          attribute
              + " must be 1.."
              + TaskMessage.MAX_NAME_LENGTH
              + " characters without surrounding blanks, was '"
              + value
              + "'");
    }
    return value;
  }

  private static int checkedPriority(int priority) {
    if (priority < 0 || priority > 9) {
      throw new IllegalArgumentException("priority must be 0..9, was " + priority);
    }
    return priority;
  }

  private static RetryPolicy retryPolicy(Retry retry) {
    try {
      return RetryPolicy.from(retry);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("retry: " + e.getMessage(), e);
    }
  }

  private static @Nullable Duration timeout(String text) {
    Duration timeout = optionalDuration(text, "timeout");
    // The envelope carries the timeout in whole milliseconds (TaskMessage#timeout).
    if (timeout != null && timeout.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          "timeout must be a whole number of milliseconds, was '" + text + "'");
    }
    return timeout;
  }

  private static @Nullable Duration optionalDuration(String text, String attribute) {
    if (text.isEmpty()) {
      return null;
    }
    Duration parsed;
    try {
      parsed = DurationFormat.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(attribute + ": " + e.getMessage(), e);
    }
    if (parsed.isZero()) {
      throw new IllegalArgumentException(attribute + " must be positive, was '" + text + "'");
    }
    return parsed;
  }

  /** The parameter types callers pass arguments for: all but {@link TaskContext} ones. */
  public List<Type> argumentTypes() {
    List<Type> types = new ArrayList<>();
    Class<?>[] raw = method.getParameterTypes();
    Type[] generic = method.getGenericParameterTypes();
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] != TaskContext.class) {
        types.add(generic[i]);
      }
    }
    return types;
  }

  /** The generic return type; {@code void} for tasks without a result. */
  public Type resultType() {
    return method.getGenericReturnType();
  }
}
