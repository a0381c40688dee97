package dev.celeriac.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskDefinitionTest {
  private static final String WHERE = "dev.celeriac.api.TaskDefinitionTest$Tasks.";

  @Test
  void readsEveryAttributeOfAValidTask() throws Exception {
    Method method = method("send");

    TaskDefinition definition = TaskDefinition.of(method);

    assertThat(definition.name()).isEqualTo("emails.send");
    assertThat(definition.aliases()).containsExactly("mail.send", "email.send");
    assertThat(definition.queue()).isEqualTo("emails");
    assertThat(definition.retryPolicy().maxAttempts()).isEqualTo(5);
    assertThat(definition.retryPolicy().initialBackoff()).isEqualTo(Duration.ofSeconds(2));
    assertThat(definition.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(definition.priority()).isEqualTo(7);
    assertThat(definition.expiresAfter()).isEqualTo(Duration.ofMinutes(10));
    assertThat(definition.cpuBound()).isTrue();
    assertThat(definition.method()).isEqualTo(method);
  }

  @Test
  void unsetAttributesTakeTheirDocumentedDefaults() throws Exception {
    TaskDefinition definition = TaskDefinition.of(method("defaults"));

    assertThat(definition.name()).isEqualTo("defaults");
    assertThat(definition.aliases()).isEmpty();
    assertThat(definition.queue()).isEqualTo("default");
    assertThat(definition.retryPolicy()).isEqualTo(RetryPolicy.from(Tasks.DEFAULT_RETRY));
    assertThat(definition.timeout()).isNull();
    assertThat(definition.priority()).isZero();
    assertThat(definition.expiresAfter()).isNull();
    assertThat(definition.cpuBound()).isFalse();
    assertThat(definition.resultType()).isEqualTo(void.class);
    assertThat(definition.argumentTypes()).isEmpty();
  }

  @Test
  void argumentTypesLeaveOutTheContextAndKeepGenerics() throws Exception {
    TaskDefinition definition = TaskDefinition.of(method("send"));

    assertThat(definition.argumentTypes()).hasSize(2);
    assertThat(definition.argumentTypes().get(0)).isEqualTo(String.class);
    assertThat(definition.argumentTypes().get(1)).isInstanceOf(ParameterizedType.class);
    assertThat(definition.argumentTypes().get(1).getTypeName())
        .isEqualTo("java.util.List<java.lang.String>");
    assertThat(definition.resultType().getTypeName())
        .isEqualTo("java.util.Map<java.lang.String, java.lang.Integer>");
  }

  @Test
  void methodWithoutTheAnnotationIsRejectedByName() throws Exception {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TaskDefinition.of(method("notATask")))
        .withMessage(WHERE + "notATask is not annotated with @Task");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"staticTask", "privateTask", "protectedTask", "packagePrivateTask"})
  void methodThatIsNotAPublicInstanceMethodIsRejectedByName(String name) throws Exception {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TaskDefinition.of(method(name)))
        .withMessage(WHERE + name + ": a @Task method must be public and not static");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "blankName        | name must be 1..200 characters without surrounding blanks, was ''",
        "paddedName       | name must be 1..200 characters without surrounding blanks, was ' x'",
        "longName         | name must be 1..200 characters",
        "blankQueue       | queue must be 1..200 characters without surrounding blanks, was ' '",
        "paddedAlias      | aliases must be 1..200 characters without surrounding blanks, was 'y '",
        "badTimeout       | timeout: 'soon' is not a duration",
        "zeroTimeout      | timeout must be positive, was '0s'",
        "subMillisTimeout | timeout must be a whole number of milliseconds, was 'PT0.0005S'",
        "negativeTimeout  | timeout: duration must not be negative: 'PT-1S'",
        "badExpires       | expires: '-1m' is not a duration",
        "zeroExpires      | expires must be positive, was '0ms'",
        "highPriority     | priority must be 0..9, was 10",
        "lowPriority      | priority must be 0..9, was -1",
        "badRetry         | retry: backoff must be 'initial..max'",
        "badRetryBound    | retry: backoff '1s..forever': 'forever' is not a duration",
        "badRetryAttempts | retry: maxAttempts must be >= 1, was 0",
      })
  void invalidAttributeIsRejectedNamingTheMethodAndTheAttribute(String name, String problem)
      throws Exception {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TaskDefinition.of(method(name)))
        .withMessageStartingWith("@Task on " + WHERE + name + ": ")
        .withMessageContaining(problem);
  }

  private static Method method(String name) throws NoSuchMethodException {
    for (Method method : Tasks.class.getDeclaredMethods()) {
      if (method.getName().equals(name)) {
        return method;
      }
    }
    throw new NoSuchMethodException(name);
  }

  /** Task methods, valid and not, for reading. */
  @SuppressWarnings("unused")
  public static class Tasks {
    static final Retry DEFAULT_RETRY = retryOfDefaults();
    private static final String FIFTY = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

    private static Retry retryOfDefaults() {
      try {
        return Tasks.class.getMethod("defaults").getAnnotation(Task.class).retry();
      } catch (NoSuchMethodException e) {
        throw new AssertionError(e);
      }
    }

    @Task(
        name = "emails.send",
        aliases = {"mail.send", "email.send"},
        queue = "emails",
        retry = @Retry(maxAttempts = 5, backoff = "2s..1m"),
        timeout = "30s",
        priority = 7,
        expires = "10m",
        cpuBound = true)
    public Map<String, Integer> send(String to, TaskContext context, List<String> cc) {
      return Map.of();
    }

    @Task(name = "defaults")
    public void defaults() {}

    public void notATask() {}

    @Task(name = "static")
    public static void staticTask() {}

    @Task(name = "private")
    private void privateTask() {}

    @Task(name = "protected")
    protected void protectedTask() {}

    @Task(name = "packagePrivate")
    void packagePrivateTask() {}

    @Task(name = "")
    public void blankName() {}

    @Task(name = " x")
    public void paddedName() {}

    @Task(name = FIFTY + FIFTY + FIFTY + FIFTY + "x")
    public void longName() {}

    @Task(name = "q", queue = " ")
    public void blankQueue() {}

    @Task(
        name = "a",
        aliases = {"x", "y "})
    public void paddedAlias() {}

    @Task(name = "t", timeout = "soon")
    public void badTimeout() {}

    @Task(name = "t", timeout = "0s")
    public void zeroTimeout() {}

    @Task(name = "t", timeout = "PT0.0005S")
    public void subMillisTimeout() {}

    @Task(name = "t", timeout = "PT-1S")
    public void negativeTimeout() {}

    @Task(name = "t", expires = "-1m")
    public void badExpires() {}

    @Task(name = "t", expires = "0ms")
    public void zeroExpires() {}

    @Task(name = "t", priority = 10)
    public void highPriority() {}

    @Task(name = "t", priority = -1)
    public void lowPriority() {}

    @Task(name = "t", retry = @Retry(backoff = "x"))
    public void badRetry() {}

    @Task(name = "t", retry = @Retry(backoff = "1s..forever"))
    public void badRetryBound() {}

    @Task(name = "t", retry = @Retry(maxAttempts = 0))
    public void badRetryAttempts() {}
  }
}
