package dev.celeriac.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.celeriac.api.Task;
import dev.celeriac.api.TaskContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TaskRegistryTest {

  public static class Mailer {
    @Task(name = "emails.send", aliases = "mail.send", queue = "emails")
    public void send(String to) {}
  }

  public static class OtherMailer {
    @Task(name = "emails.send")
    public void deliver(String to) {}
  }

  public static class Renamed {
    @Task(name = "emails.dispatch", aliases = "emails.send")
    public void dispatch(String to) {}
  }

  public static class AliasThief {
    @Task(name = "letters.post", aliases = "mail.send")
    public void post(String to) {}
  }

  public static class SelfAliased {
    @Task(name = "loop", aliases = "loop")
    public void loop() {}
  }

  public static class HalfClashing {
    @Task(name = "a.fresh")
    public void fresh() {}

    @Task(name = "mail.send")
    public void stale() {}
  }

  public static class NoTasks {
    public void helper() {}
  }

  public static class NeedsArguments {
    public NeedsArguments(String config) {}

    @Task(name = "needs.args")
    public void run() {}
  }

  public static class Exploding {
    public Exploding() {
      throw new IllegalStateException("no config file");
    }

    @Task(name = "explodes")
    public void run() {}
  }

  public static class TwoContexts {
    @Task(name = "two.contexts")
    public void run(TaskContext first, TaskContext second) {}
  }

  public static class Generic<T> {
    @Task(name = "generic.take")
    public void take(List<T> values) {}
  }

  public static class Abstracted {
    @Task(name = "abstract.param")
    public void run(Runnable action) {}
  }

  public static class StaticTask {
    @Task(name = "static.task")
    public static void run() {}
  }

  /** Everything here is something Jackson can read. */
  public static class WellTyped {
    public enum Level {
      LOW,
      HIGH
    }

    public record Point(int x, int y) {}

    @Task(name = "well.typed")
    public void run(
        Object any,
        JsonNode tree,
        Map<String, List<Point>> points,
        Instant at,
        Level level,
        TimeUnit unit,
        int[] numbers,
        TaskContext context) {}
  }

  static class PackagePrivateTasks {
    @Task(name = "hidden.task")
    public String greet(String name) {
      return "hi " + name;
    }
  }

  @Test
  void tasksAreFoundByNameAndByAlias() {
    TaskRegistry registry = TaskRegistry.builder().register(new Mailer()).build();

    RegisteredTask task = registry.find("emails.send").orElseThrow();
    assertThat(registry.find("mail.send")).containsSame(task);
    assertThat(task.definition().queue()).isEqualTo("emails");
    assertThat(task.target()).isInstanceOf(Mailer.class);
    assertThat(registry.find("emails.unknown")).isEmpty();
  }

  @Test
  void queuesListEachQueueOfTheRegisteredTasksOnce() {
    TaskRegistry registry =
        TaskRegistry.builder().register(new SampleTasks()).register(Mailer.class).build();

    assertThat(registry.queues()).containsExactly("default", "emails", "orders");
    assertThat(registry.tasks())
        .extracting(RegisteredTask::name)
        .contains("math.add", "orders.total", "emails.send")
        .doesNotContain("orders.sum", "mail.send");
  }

  @Test
  void classWithPublicNoArgConstructorIsConstructedOnce() {
    TaskRegistry registry = TaskRegistry.builder().register(WellTyped.class).build();

    assertThat(registry.find("well.typed").orElseThrow().target()).isInstanceOf(WellTyped.class);
  }

  @Test
  void taskOfAPackagePrivateClassCanBeRegistered() {
    TaskRegistry registry = TaskRegistry.builder().register(new PackagePrivateTasks()).build();

    assertThat(registry.find("hidden.task")).isPresent();
  }

  @Test
  void duplicateTaskNameNamesBothMethods() {
    var builder = TaskRegistry.builder().register(new Mailer());

    assertThatThrownBy(() -> builder.register(new OtherMailer()))
        .isInstanceOf(TaskRegistrationException.class)
        .hasMessageContaining("'emails.send'")
        .hasMessageContaining(Mailer.class.getName() + ".send")
        .hasMessageContaining(OtherMailer.class.getName() + ".deliver");
  }

  @Test
  void aliasEqualToAnotherTasksNameNamesBothMethods() {
    var builder = TaskRegistry.builder().register(new Mailer());

    assertThatThrownBy(() -> builder.register(new Renamed()))
        .isInstanceOf(TaskRegistrationException.class)
        .hasMessageContaining("'emails.send'")
        .hasMessageContaining(Mailer.class.getName() + ".send")
        .hasMessageContaining(Renamed.class.getName() + ".dispatch");
  }

  @Test
  void duplicateAliasNamesBothMethods() {
    var builder = TaskRegistry.builder().register(new Mailer());

    assertThatThrownBy(() -> builder.register(new AliasThief()))
        .isInstanceOf(TaskRegistrationException.class)
        .hasMessageContaining("'mail.send'")
        .hasMessageContaining(Mailer.class.getName() + ".send")
        .hasMessageContaining(AliasThief.class.getName() + ".post");
  }

  @Test
  void aliasEqualToItsOwnNameIsRejected() {
    assertThatThrownBy(() -> TaskRegistry.builder().register(new SelfAliased()))
        .isInstanceOf(TaskRegistrationException.class)
        .hasMessageContaining("'loop'")
        .hasMessageContaining(SelfAliased.class.getName() + ".loop");
  }

  @Test
  void rejectedRegistrationAddsNoneOfTheClassesTasks() {
    var builder = TaskRegistry.builder().register(new Mailer());

    assertThatThrownBy(() -> builder.register(new HalfClashing()))
        .isInstanceOf(TaskRegistrationException.class)
        .hasMessageContaining(HalfClashing.class.getName() + ".stale");

    assertThat(builder.build().find("a.fresh")).isEmpty();
  }

  @Test
  void classWithoutTaskMethodsIsRejected() {
    assertThatThrownBy(() -> TaskRegistry.builder().register(new NoTasks()))
        .isInstanceOf(TaskRegistrationException.class)
        .hasMessageContaining(NoTasks.class.getName())
        .hasMessageContaining("no public @Task methods");
  }

  @Test
  void classWithoutNoArgConstructorIsRejected() {
    assertThatThrownBy(() -> TaskRegistry.builder().register(NeedsArguments.class))
        .isInstanceOf(TaskRegistrationException.class)
        .hasMessageContaining(NeedsArguments.class.getName())
        .hasMessageContaining("no public no-arg constructor");
  }

  @Test
  void constructorFailureIsReportedWithItsCause() {
    assertThatThrownBy(() -> TaskRegistry.builder().register(Exploding.class))
        .isInstanceOf(TaskRegistrationException.class)
        .hasMessageContaining(Exploding.class.getName())
        .hasMessageContaining("no config file")
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void moreThanOneTaskContextParameterIsRejected() {
    assertThatThrownBy(() -> TaskRegistry.builder().register(new TwoContexts()))
        .isInstanceOf(TaskRegistrationException.class)
        .hasMessageContaining(TwoContexts.class.getName() + ".run")
        .hasMessageContaining("2 TaskContext parameters");
  }

  @Test
  void parameterWithATypeVariableIsRejected() {
    assertThatThrownBy(() -> TaskRegistry.builder().register(new Generic<String>()))
        .isInstanceOf(TaskRegistrationException.class)
        .hasMessageContaining("parameter values of " + Generic.class.getName() + ".take")
        .hasMessageContaining("type variable T");
  }

  @Test
  void parameterJacksonCannotConstructIsRejected() {
    assertThatThrownBy(() -> TaskRegistry.builder().register(new Abstracted()))
        .isInstanceOf(TaskRegistrationException.class)
        .hasMessageContaining("parameter action of " + Abstracted.class.getName() + ".run")
        .hasMessageContaining("java.lang.Runnable");
  }

  @Test
  void staticTaskMethodIsRejected() {
    assertThatThrownBy(() -> TaskRegistry.builder().register(new StaticTask()))
        .isInstanceOf(TaskRegistrationException.class)
        .hasMessageContaining(StaticTask.class.getName() + ".run")
        .hasMessageContaining("not static");
  }
}
