package dev.celeriac.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.celeriac.api.Task;
import dev.celeriac.api.TaskDefinition;
import dev.celeriac.api.TaskRef;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaskRefsTest {

  static Stream<Arguments> methodReferencesOfEveryArity() {
    return Stream.of(
        Arguments.of((TaskRef.Fn0<Jobs, String>) Jobs::fn0, "fn0", 0),
        Arguments.of((TaskRef.Fn1<Jobs, String, String>) Jobs::fn1, "fn1", 1),
        Arguments.of((TaskRef.Fn2<Jobs, String, Integer, String>) Jobs::fn2, "fn2", 2),
        Arguments.of((TaskRef.Fn3<Jobs, String, Integer, Long, String>) Jobs::fn3, "fn3", 3),
        Arguments.of(
            (TaskRef.Fn4<Jobs, String, Integer, Long, List<String>, String>) Jobs::fn4, "fn4", 4),
        Arguments.of((TaskRef.Proc0<Jobs>) Jobs::proc0, "proc0", 0),
        Arguments.of((TaskRef.Proc1<Jobs, String>) Jobs::proc1, "proc1", 1),
        Arguments.of((TaskRef.Proc2<Jobs, String, Integer>) Jobs::proc2, "proc2", 2),
        Arguments.of((TaskRef.Proc3<Jobs, String, Integer, Long>) Jobs::proc3, "proc3", 3),
        Arguments.of(
            (TaskRef.Proc4<Jobs, String, Integer, Long, List<String>>) Jobs::proc4, "proc4", 4),
        Arguments.of((TaskRef.Proc1<Jobs, String>) Jobs::over, "over.one", 1),
        Arguments.of((TaskRef.Proc2<Jobs, String, String>) Jobs::over, "over.two", 2),
        Arguments.of((TaskRef.Fn1<Service, String, String>) Service::run, "service.run", 1),
        Arguments.of((TaskRef.Fn0<Covariant, String>) Covariant::get, "covariant.get", 0));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("methodReferencesOfEveryArity")
  void methodReferenceResolvesToTheDefinitionOfItsMethod(TaskRef ref, String name, int arity) {
    TaskDefinition definition = TaskRefs.resolve(ref);

    assertThat(definition.name()).isEqualTo(name);
    assertThat(definition.method().getParameterCount()).isEqualTo(arity);
    assertThat(definition.method().isBridge()).isFalse();
  }

  @Test
  void resolvingTheSameReferenceAgainGivesTheCachedDefinition() {
    TaskDefinition first = TaskRefs.resolve(fn1());
    TaskDefinition second = TaskRefs.resolve(fn1());

    assertThat(second).isSameAs(first);
    assertThat(TaskRefs.resolve((TaskRef.Proc1<Jobs, String>) Jobs::proc1).name())
        .isEqualTo("proc1");
  }

  @Test
  void covariantOverrideResolvesToTheMethodWithTheDeclaredResultType() {
    Method method = TaskRefs.resolve((TaskRef.Fn0<Covariant, String>) Covariant::get).method();

    assertThat(method.getReturnType()).isEqualTo(String.class);
  }

  @Test
  void lambdaIsRejectedWithAHint() {
    TaskRef.Fn1<Jobs, String, String> lambda = (jobs, a) -> jobs.fn1(a);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> TaskRefs.resolve(lambda))
        .withMessage("pass a method reference such as Emails::send, not a lambda");
  }

  @Test
  void referenceBoundToAnInstanceIsRejected() {
    Jobs jobs = new Jobs();
    TaskRef.Proc1<String, Integer> bound = jobs::proc2;

    assertThatIllegalArgumentException()
        .isThrownBy(() -> TaskRefs.resolve(bound))
        .withMessageContaining("unbound method reference such as Emails::send")
        .withMessageContaining(Jobs.class.getName() + "::proc2");
  }

  @Test
  void methodWithoutTheAnnotationIsRejectedByName() {
    TaskRef.Proc1<Jobs, String> plain = Jobs::plain;

    assertThatIllegalArgumentException()
        .isThrownBy(() -> TaskRefs.resolve(plain))
        .withMessage(Jobs.class.getName() + ".plain is not annotated with @Task");
  }

  @Test
  void staticMethodIsRejectedByName() {
    TaskRef.Proc0<Jobs> reference = Jobs::staticTask;

    assertThatIllegalArgumentException()
        .isThrownBy(() -> TaskRefs.resolve(reference))
        .withMessageContaining("instance method")
        .withMessageContaining(Jobs.class.getName() + "::staticTask");
  }

  @Test
  void constructorReferenceIsRejected() {
    TaskRef.Fn0<String, Jobs> constructor = Jobs::new;

    assertThatIllegalArgumentException()
        .isThrownBy(() -> TaskRefs.resolve(constructor))
        .withMessageContaining("instance method")
        .withMessageContaining("<init>");
  }

  @Test
  void nonPublicMethodIsRejectedByName() {
    TaskRef.Proc0<Jobs> reference = Jobs::hidden;

    assertThatIllegalArgumentException()
        .isThrownBy(() -> TaskRefs.resolve(reference))
        .withMessageContaining("hidden");
  }

  @Test
  void handWrittenImplementationIsNotAMethodReference() {
    TaskRef.Proc0<Jobs> handWritten = new HandWritten();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> TaskRefs.resolve(handWritten))
        .withMessage(
            "expected a method reference such as Emails::send, got " + HandWritten.class.getName());
  }

  private static TaskRef fn1() {
    return (TaskRef.Fn1<Jobs, String, String>) Jobs::fn1;
  }

  /** Tasks of every arity. */
  public static class Jobs {
    public Jobs() {}

    public Jobs(String unused) {}

    @Task(name = "fn0")
    public String fn0() {
      return "";
    }

    @Task(name = "fn1")
    public String fn1(String a) {
      return a;
    }

    @Task(name = "fn2")
    public String fn2(String a, int b) {
      return a;
    }

    @Task(name = "fn3")
    public String fn3(String a, int b, long c) {
      return a;
    }

    @Task(name = "fn4")
    public String fn4(String a, int b, long c, List<String> d) {
      return a;
    }

    @Task(name = "proc0")
    public void proc0() {}

    @Task(name = "proc1")
    public void proc1(String a) {}

    @Task(name = "proc2")
    public void proc2(String a, int b) {}

    @Task(name = "proc3")
    public void proc3(String a, int b, long c) {}

    @Task(name = "proc4")
    public void proc4(String a, int b, long c, List<String> d) {}

    @Task(name = "over.one")
    public void over(String a) {}

    @Task(name = "over.two")
    public void over(String a, String b) {}

    public void plain(String a) {}

    @Task(name = "static")
    public static void staticTask(Jobs jobs) {}

    @Task(name = "hidden")
    void hidden() {}
  }

  /** A task declared on an interface. */
  public interface Service {
    @Task(name = "service.run")
    String run(String input);
  }

  /** A generic interface, so that an implementation gets a bridge method. */
  public interface Supplying<T> {
    T get();
  }

  /** Overrides {@code Object get()} with {@code String get()}: javac adds a bridge method. */
  public static class Covariant implements Supplying<String> {
    @Override
    @Task(name = "covariant.get")
    public String get() {
      return "";
    }
  }

  private static final class HandWritten implements TaskRef.Proc0<Jobs> {
    private static final long serialVersionUID = 1L;

    @Override
    public void call(Jobs target) {}
  }
}
