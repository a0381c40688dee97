package dev.celeriac.worker;

import dev.celeriac.api.TaskDefinition;
import dev.celeriac.worker.internal.TaskInvoker;

/**
 * A task the worker can run: its definition, the object its method is called on, and the prepared
 * invoker that decodes arguments and calls the method. Obtained from {@link TaskRegistry#find}.
 * Immutable and thread-safe.
 */
public final class RegisteredTask {
  private final TaskDefinition definition;
  private final Object target;
  private final TaskInvoker invoker;

  RegisteredTask(TaskDefinition definition, Object target, TaskInvoker invoker) {
    this.definition = definition;
    this.target = target;
    this.invoker = invoker;
  }

  /** The task's definition, read from its {@code @Task} annotation. */
  public TaskDefinition definition() {
    return definition;
  }

  /** The object the task method is called on; one instance serves all concurrent attempts. */
  public Object target() {
    return target;
  }

  /** The task's stable name. */
  public String name() {
    return definition.name();
  }

  TaskInvoker invoker() {
    return invoker;
  }

  @Override
  public String toString() {
    return definition.name() + " (" + where(definition) + ")";
  }

  static String where(TaskDefinition definition) {
    return definition.method().getDeclaringClass().getName() + "." + definition.method().getName();
  }
}
