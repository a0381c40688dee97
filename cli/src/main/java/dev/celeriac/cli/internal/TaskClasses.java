package dev.celeriac.cli.internal;

import dev.celeriac.cli.Main;
import java.util.ArrayList;
import java.util.List;

/** Loads the task classes named by {@code --tasks}. */
public final class TaskClasses {
  private TaskClasses() {}

  /**
   * The classes named in {@code names}, comma-separated, loaded from the context class loader.
   *
   * @throws CliFailure ({@link Main#EXIT_USAGE}) naming a class that is not on the class path
   */
  public static List<Class<?>> load(String names) {
    List<Class<?>> classes = new ArrayList<>();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    for (String name : names.split(",")) {
      if (name.isBlank()) {
        continue;
      }
      try {
        classes.add(Class.forName(name.strip(), true, loader));
      } catch (ClassNotFoundException | LinkageError e) {
        throw new CliFailure(
            Main.EXIT_USAGE, "--tasks: no class " + name.strip() + " on the class path", e);
      }
    }
    return classes;
  }
}
