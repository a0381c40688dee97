package dev.celeriac.worker;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.TaskDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tasks a worker can run, found by name or alias. Built once at start-up with {@link
 * #builder()}, which scans the public {@link dev.celeriac.api.Task @Task} methods of each
 * registered instance or class and rejects anything that could not run: duplicate names and
 * aliases, unusable signatures, classes without tasks.
 *
 * <pre>{@code
 * TaskRegistry registry = TaskRegistry.builder()
 *     .register(new Emails(mailer))      // an instance you constructed
 *     .register(Reports.class)           // or a class with a public no-arg constructor
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Task methods are called concurrently on the registered instance, so
 * it must be thread-safe itself.
 */
public final class TaskRegistry {
  private final Map<String, RegisteredTask> byNameOrAlias;
  private final List<RegisteredTask> tasks;

  private TaskRegistry(Map<String, RegisteredTask> byNameOrAlias, List<RegisteredTask> tasks) {
    this.byNameOrAlias = Map.copyOf(byNameOrAlias);
    this.tasks = List.copyOf(tasks);
  }

  /** A builder for a registry; empty until tasks are registered. */
  public static Builder builder() {
    return new Builder();
  }

  /** The task registered under {@code nameOrAlias} (its name or one of its aliases), if any. */
  public Optional<RegisteredTask> find(String nameOrAlias) {
    return Optional.ofNullable(byNameOrAlias.get(requireNonNull(nameOrAlias, "nameOrAlias")));
  }

  /** Every registered task, in registration order. */
  public List<RegisteredTask> tasks() {
    return tasks;
  }

  /** The default queues of the registered tasks, sorted, without duplicates. */
  public Set<String> queues() {
    var queues = new TreeSet<String>();
    tasks.forEach(task -> queues.add(task.definition().queue()));
    return Collections.unmodifiableSortedSet(queues);
  }

  /**
   * Collects tasks for a {@link TaskRegistry}. Each {@code register} call validates everything it
   * adds and either adds all of its class's tasks or, throwing, none. Not thread-safe.
   */
  public static final class Builder {
    private final TaskScanner scanner = new TaskScanner();
    private final Map<String, NameClaim> claims = new LinkedHashMap<>();
    private final List<RegisteredTask> tasks = new ArrayList<>();

    private Builder() {}

    /**
     * Registers the {@code @Task} methods of {@code instance}, which is shared by all their calls.
     * A {@link Class} passed here is treated as {@link #register(Class)}.
     *
     * @throws TaskRegistrationException naming the methods involved if the class has no
     *     {@code @Task} method, a method's annotation or signature is unusable, or a name or alias
     *     is taken already
     */
    public Builder register(Object instance) {
      requireNonNull(instance, "instance");
      if (instance instanceof Class<?> type) {
        return register(type);
      }
      return add(scanner.scan(instance));
    }

    /**
     * Constructs {@code type} with its public no-arg constructor and registers the instance like
     * {@link #register(Object)}.
     *
     * @throws TaskRegistrationException if {@code type} cannot be constructed, and for the reasons
     *     {@link #register(Object)} gives
     */
    public Builder register(Class<?> type) {
      requireNonNull(type, "type");
      return add(scanner.scan(scanner.instantiate(type)));
    }

    private Builder add(List<RegisteredTask> candidates) {
      Map<String, NameClaim> staged = new LinkedHashMap<>(claims);
      for (RegisteredTask task : candidates) {
        claim(staged, task.name(), new NameClaim(task, false));
        for (String alias : task.definition().aliases()) {
          claim(staged, alias, new NameClaim(task, true));
        }
      }
      claims.clear();
      claims.putAll(staged);
      tasks.addAll(candidates);
      return this;
    }

    private static void claim(Map<String, NameClaim> staged, String key, NameClaim claim) {
      NameClaim earlier = staged.putIfAbsent(key, claim);
      if (earlier != null) {
        throw new TaskRegistrationException(
            "'"
                + key
                + "' is claimed twice: as "
                + earlier.describe()
                + ", and as "
                + claim.describe()
                + "; task names and aliases must be unique across the worker");
      }
    }

    /** The registry of everything registered so far. */
    public TaskRegistry build() {
      Map<String, RegisteredTask> byNameOrAlias = new LinkedHashMap<>();
      claims.forEach((key, claim) -> byNameOrAlias.put(key, claim.task()));
      return new TaskRegistry(byNameOrAlias, tasks);
    }
  }

  private record NameClaim(RegisteredTask task, boolean alias) {
    String describe() {
      TaskDefinition definition = task.definition();
      return (alias ? "an alias of task '" + definition.name() + "'" : "the name of a task")
          + " on "
          + RegisteredTask.where(definition);
    }
  }
}
