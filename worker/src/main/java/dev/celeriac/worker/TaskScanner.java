package dev.celeriac.worker;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.celeriac.api.Task;
import dev.celeriac.api.TaskContext;
import dev.celeriac.api.TaskDefinition;
import dev.celeriac.api.internal.JsonMappers;
import dev.celeriac.worker.internal.ParameterTypeCheck;
import dev.celeriac.worker.internal.TaskInvoker;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Reads the {@code @Task} methods of a class into {@link RegisteredTask}s and checks them. */
final class TaskScanner {
  private final JsonMapper mapper = JsonMappers.standard();
  private final ParameterTypeCheck typeCheck = new ParameterTypeCheck(mapper);

  /** The tasks of {@code instance}, sorted by method name; never empty. */
  List<RegisteredTask> scan(Object instance) {
    Class<?> type = instance.getClass();
    List<Method> methods =
        Arrays.stream(type.getMethods())
            .filter(m -> m.isAnnotationPresent(Task.class) && !m.isBridge() && !m.isSynthetic())
            .sorted(Comparator.comparing(Method::getName).thenComparing(Method::toGenericString))
            .toList();
    if (methods.isEmpty()) {
      throw new TaskRegistrationException(
          type.getName() + " has no public @Task methods, so it has nothing to register");
    }
    return methods.stream().map(method -> prepare(instance, method)).toList();
  }

  private RegisteredTask prepare(Object instance, Method method) {
    TaskDefinition definition;
    try {
      definition = TaskDefinition.of(method);
    } catch (IllegalArgumentException e) {
      throw new TaskRegistrationException(e.getMessage(), e);
    }
    checkSignature(definition);
    if (!method.trySetAccessible()) {
      throw new TaskRegistrationException(
          where(method)
              + " cannot be called by the worker: make its class public or open its package");
    }
    return new RegisteredTask(definition, instance, new TaskInvoker(definition, instance, mapper));
  }

  private void checkSignature(TaskDefinition definition) {
    Method method = definition.method();
    long contexts =
        Arrays.stream(method.getParameterTypes()).filter(t -> t == TaskContext.class).count();
    if (contexts > 1) {
      throw new TaskRegistrationException(
          where(method) + " has " + contexts + " TaskContext parameters; at most one is allowed");
    }
    Parameter[] parameters = method.getParameters();
    Type[] types = method.getGenericParameterTypes();
    for (int i = 0; i < types.length; i++) {
      if (parameters[i].getType() == TaskContext.class) {
        continue;
      }
      Optional<String> problem = typeCheck.problemWith(types[i]);
      if (problem.isPresent()) {
        throw new TaskRegistrationException(
            "parameter "
                + parameters[i].getName()
                + " of "
                + where(method)
                + " cannot receive an argument: "
                + problem.get());
      }
    }
  }

  /** A new instance of {@code type} made with its public no-arg constructor. */
  Object instantiate(Class<?> type) {
    if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
      throw new TaskRegistrationException(
          type.getName() + " is abstract; register a concrete class or an instance");
    }
    Constructor<?> constructor;
    try {
      constructor = type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new TaskRegistrationException(
          type.getName() + " has no public no-arg constructor; register an instance instead", e);
    }
    try {
      constructor.trySetAccessible();
      return constructor.newInstance();
    } catch (InvocationTargetException e) {
      throw new TaskRegistrationException(
          "constructing " + type.getName() + " failed: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new TaskRegistrationException("cannot construct " + type.getName() + ": " + e, e);
    }
  }

  private static String where(Method method) {
    return method.getDeclaringClass().getName() + "." + method.getName();
  }
}
