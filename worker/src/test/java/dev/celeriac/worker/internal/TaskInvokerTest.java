package dev.celeriac.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.celeriac.api.Task;
import dev.celeriac.api.TaskContext;
import dev.celeriac.api.TaskDefinition;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.internal.JsonMappers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TaskInvokerTest {

  public static class Greeter {
    @Task(name = "greet")
    public String greet(String greeting, TaskContext context, String name) {
      return greeting + " " + name + " on attempt " + context.attempt() + MDC.get("taskName");
    }

    @Task(name = "refuse")
    public void refuse() throws java.io.IOException {
      throw new java.io.IOException("disk full");
    }
  }

  private static TaskInvoker invoker(String method) throws Exception {
    var definition =
        TaskDefinition.of(
            method.equals("greet")
                ? Greeter.class.getMethod("greet", String.class, TaskContext.class, String.class)
                : Greeter.class.getMethod(method));
    return new TaskInvoker(definition, new Greeter(), JsonMappers.standard());
  }

  private static DefaultTaskContext context(String task, int attempt) {
    ArrayNode none = JsonMappers.standard().createArrayNode();
    var message =
        new TaskMessage(
            1,
            TaskId.generate(),
            task,
            none,
            "default",
            attempt,
            null,
            null,
            0,
            null,
            Map.of(),
            Instant.EPOCH);
    return new DefaultTaskContext(message, 3, null);
  }

  @Test
  void contextIsPassedAtItsOwnParameterBetweenTheArguments() throws Exception {
    TaskInvoker invoker = invoker("greet");
    List<Object> args =
        invoker.decodeArguments((ArrayNode) JsonMappers.standard().readTree("[\"hi\", \"Ada\"]"));

    AttemptResult result = invoker.invoke(args, context("greet", 2));

    assertThat(result).isEqualTo(new AttemptResult.Returned("hi Ada on attempt 2greet"));
    assertThat(MDC.get("taskName")).isNull();
  }

  @Test
  void exceptionFromTheMethodIsReportedUnwrapped() throws Exception {
    AttemptResult result = invoker("refuse").invoke(List.of(), context("refuse", 1));

    assertThat(result)
        .isInstanceOfSatisfying(
            AttemptResult.Threw.class,
            threw ->
                assertThat(threw.error())
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessage("disk full"));
  }
}
