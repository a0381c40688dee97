package dev.celeriac.api.internal;

import dev.celeriac.api.TaskDefinition;
import dev.celeriac.api.TaskRef;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Finds the {@code @Task} method a {@link TaskRef} method reference points to. The compiler makes a
 * serializable lambda class per reference site, so the answer is cached per class.
 */
public final class TaskRefs {
  // One slot per lambda class; a race only resolves the same definition twice.
  private static final ClassValue<Object[]> RESOLVED =
      new ClassValue<>() {
        @Override
        protected Object[] computeValue(Class<?> type) {
          return new Object[1];
        }
      };

  private TaskRefs() {}

  /**
   * The definition of the method {@code ref} refers to.
   *
   * @throws IllegalArgumentException if {@code ref} is a lambda rather than a method reference, a
   *     reference bound to an instance ({@code emails::send}), or the method is not a public
   *     {@code @Task} instance method
   */
  public static TaskDefinition resolve(TaskRef ref) {
    Object[] slot = RESOLVED.get(ref.getClass());
    Object cached = slot[0];
    if (cached instanceof TaskDefinition definition) {
      return definition;
    }
    TaskDefinition definition = TaskDefinition.of(methodOf(ref));
    slot[0] = definition;
    return definition;
  }

  private static Method methodOf(TaskRef ref) {
    SerializedLambda lambda = serializedForm(ref);
    int kind = lambda.getImplMethodKind();
    if (lambda.getImplMethodName().startsWith("lambda$")) {
      throw new IllegalArgumentException(
          "pass a method reference such as Emails::send, not a lambda");
    }
    if (kind != MethodHandleInfo.REF_invokeVirtual
        && kind != MethodHandleInfo.REF_invokeInterface) {
      throw new IllegalArgumentException(
          "a task must be an instance method referenced as Type::method; "
              + lambda.getImplClass().replace('/', '.')
              + "::"
              + lambda.getImplMethodName()
              + " is not");
    }
    // A bound reference (emails::send) captures its receiver and shifts every argument by one, so
    // the submitted arguments would no longer line up with the method's parameters.
    if (lambda.getCapturedArgCount() != 0) {
      throw new IllegalArgumentException(
          "pass an unbound method reference such as Emails::send, not one bound to an instance; got"
              + " a reference to "
              + lambda.getImplClass().replace('/', '.')
              + "::"
              + lambda.getImplMethodName());
    }
    ClassLoader loader = ref.getClass().getClassLoader();
    try {
      Class<?> owner = Class.forName(lambda.getImplClass().replace('/', '.'), false, loader);
      MethodType type =
          MethodType.fromMethodDescriptorString(lambda.getImplMethodSignature(), loader);
      return Arrays.stream(owner.getMethods())
          .filter(m -> m.getName().equals(lambda.getImplMethodName()))
          .filter(m -> Arrays.equals(m.getParameterTypes(), type.parameterArray()))
          // A covariant override also has a bridge method with the same parameters.
          .filter(m -> m.getReturnType() == type.returnType())
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      owner.getName() + "::" + lambda.getImplMethodName() + " is not public"));
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("cannot load " + lambda.getImplClass(), e);
    }
  }

  private static SerializedLambda serializedForm(TaskRef ref) {
    try {
      Method writeReplace = ref.getClass().getDeclaredMethod("writeReplace");
      writeReplace.setAccessible(true);
      return (SerializedLambda) writeReplace.invoke(ref);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException(
          "expected a method reference such as Emails::send, got " + ref.getClass().getName(), e);
    }
  }
}
