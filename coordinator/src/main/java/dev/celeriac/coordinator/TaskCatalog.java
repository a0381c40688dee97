package dev.celeriac.coordinator;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.celeriac.api.Scheduled;
import dev.celeriac.api.Task;
import dev.celeriac.api.TaskDefinition;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tasks a coordinator knows, by name and alias: schedules may only name these, and a fire's
 * queue, timeout and expiry come from them. Also yields the schedules declared with {@link
 * Scheduled @Scheduled} on those tasks. Immutable and thread-safe.
 */
public final class TaskCatalog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, TaskDefinition> byName;
  private final List<ScheduleSpec> declared;

  private TaskCatalog(Map<String, TaskDefinition> byName, List<ScheduleSpec> declared) {
    this.byName = Map.copyOf(byName);
    this.declared = List.copyOf(declared);
  }

  /**
   * The {@link Task @Task} methods of {@code taskClasses} and their {@link Scheduled @Scheduled}
   * schedules.
   *
   * @throws IllegalArgumentException if a task is invalid or two tasks share a name or alias
   * @throws InvalidScheduleException naming {@code args} if a {@code @Scheduled} has arguments that
   *     are not a JSON array
   */
  public static TaskCatalog of(Class<?>... taskClasses) {
    List<TaskDefinition> definitions = new ArrayList<>();
    List<ScheduleSpec> declared = new ArrayList<>();
    for (Class<?> type : taskClasses) {
      for (Method method : type.getMethods()) {
        if (method.isAnnotationPresent(Task.class)) {
          TaskDefinition definition = TaskDefinition.of(method);
          definitions.add(definition);
          Scheduled scheduled = method.getAnnotation(Scheduled.class);
          if (scheduled != null) {
            declared.add(spec(definition, scheduled));
          }
        }
      }
    }
    return new TaskCatalog(index(definitions), declared);
  }

  /**
   * The given task definitions, with no declared schedules.
   *
   * @throws IllegalArgumentException if two tasks share a name or alias
   */
  public static TaskCatalog of(Collection<TaskDefinition> definitions) {
    return new TaskCatalog(index(List.copyOf(definitions)), List.of());
  }

  private static Map<String, TaskDefinition> index(List<TaskDefinition> definitions) {
    Map<String, TaskDefinition> byName = new LinkedHashMap<>();
    for (TaskDefinition definition : definitions) {
      List<String> names = new ArrayList<>(definition.aliases());
      names.add(definition.name());
      for (String name : names) {
        TaskDefinition previous = byName.putIfAbsent(name, definition);
        if (previous != null && previous != definition) {
          throw new IllegalArgumentException(
              "two tasks are named '"
                  + name
                  + "': "
                  + previous.method()
                  + " and "
                  + definition.method());
        }
      }
    }
    return byName;
  }

  private static ScheduleSpec spec(TaskDefinition definition, Scheduled scheduled) {
    String name = scheduled.name().isEmpty() ? definition.name() : scheduled.name();
    return ScheduleSpec.builder(name)
        .task(definition.name())
        .cron(scheduled.cron())
        .zone(scheduled.zone())
        .misfire(scheduled.misfire())
        .args(arguments(name, scheduled.args()))
        .build();
  }

  private static ArrayNode arguments(String schedule, String json) {
    try {
      JsonNode node = JSON.readTree(json);
      if (node instanceof ArrayNode array) {
        return array;
      }
    } catch (JsonProcessingException e) {
      throw new InvalidScheduleException(
          schedule, "args", "is not JSON: " + e.getOriginalMessage());
    }
    throw new InvalidScheduleException(schedule, "args", "must be a JSON array, was " + json);
  }

  /** The task with this name or alias. */
  public Optional<TaskDefinition> find(String name) {
    return Optional.ofNullable(byName.get(requireNonNull(name, "name")));
  }

  /** Every known name and alias. */
  public Set<String> names() {
    return byName.keySet();
  }

  /** The schedules declared with {@code @Scheduled}, one per annotated method. */
  public List<ScheduleSpec> declaredSchedules() {
    return declared;
  }
}
