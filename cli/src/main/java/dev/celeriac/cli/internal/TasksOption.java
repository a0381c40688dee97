package dev.celeriac.cli.internal;

import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --tasks} option: the user's task classes, for every command that needs them. */
public final class TasksOption {
  @Option(
      names = "--tasks",
      defaultValue = "",
      paramLabel = "CLASS[,CLASS]",
      description = "Task classes (comma-separated) whose @Task and @Scheduled methods to use.")
  String tasks = "";

  /** Creates the option; picocli fills it. */
  public TasksOption() {}

  /**
   * The named classes, loaded; empty if none are named.
   *
   * @throws CliFailure naming a class that is not on the class path
   */
  public List<Class<?>> classes() {
    return TaskClasses.load(tasks);
  }
}
