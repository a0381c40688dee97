package dev.celeriac.worker.internal;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.celeriac.api.TaskContext;
import dev.celeriac.api.TaskDefinition;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Calls one registered task method on its target: decodes the message's arguments, puts the {@link
 * TaskContext} at its parameter, and reports how the call ended. Sets the SLF4J MDC keys {@value
 * #MDC_TASK_ID} and {@value #MDC_TASK_NAME} on the calling thread for the duration of the call.
 * Thread-safe.
 */
public final class TaskInvoker {
  /** The MDC key holding the running task's id. */
  public static final String MDC_TASK_ID = "taskId";

  /** The MDC key holding the running task's name. */
  public static final String MDC_TASK_NAME = "taskName";

  private final Object target;
  private final Method method;
  private final Class<?>[] parameterTypes;
  private final ArgumentDecoder decoder;

  /**
   * An invoker of {@code definition}'s method on {@code target}; the method must already be
   * accessible.
   */
  public TaskInvoker(TaskDefinition definition, Object target, JsonMapper mapper) {
    this.target = target;
    this.method = definition.method();
    this.parameterTypes = method.getParameterTypes();
    this.decoder = new ArgumentDecoder(definition.name(), definition.argumentTypes(), mapper);
  }

  /**
   * Decodes a message's arguments.
   *
   * @throws dev.celeriac.worker.BadArgumentsException if they do not fit the parameters
   */
  public List<@Nullable Object> decodeArguments(ArrayNode args) {
    return decoder.decode(args);
  }

  /**
   * Calls the method with {@code arguments} (from {@link #decodeArguments}) and {@code context}.
   */
  public AttemptResult invoke(List<@Nullable Object> arguments, TaskContext context) {
    @Nullable Object[] call = new Object[parameterTypes.length];
    Iterator<@Nullable Object> values = arguments.iterator();
    for (int i = 0; i < call.length; i++) {
      call[i] = parameterTypes[i] == TaskContext.class ? context : values.next();
    }
    String previousId = MDC.get(MDC_TASK_ID);
    String previousName = MDC.get(MDC_TASK_NAME);
    MDC.put(MDC_TASK_ID, context.taskId().toString());
    MDC.put(MDC_TASK_NAME, context.taskName());
    try {
      return new AttemptResult.Returned(method.invoke(target, call));
    } catch (InvocationTargetException e) {
      return new AttemptResult.Threw(e.getCause());
    } catch (IllegalAccessException e) {
      return new AttemptResult.Threw(
          new IllegalStateException("the worker cannot call " + method, e));
    } finally {
      restore(MDC_TASK_ID, previousId);
      restore(MDC_TASK_NAME, previousName);
    }
  }

  private static void restore(String key, @Nullable String previous) {
    if (previous == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, previous);
    }
  }
}
