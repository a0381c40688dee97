package dev.celeriac.cli.internal;

import dev.celeriac.coordinator.TaskCatalog;
import dev.celeriac.samples.EmailTasks;
import dev.celeriac.samples.FlakyMailServer;
import dev.celeriac.samples.ReportTasks;
import dev.celeriac.samples.ScheduledTasks;
import dev.celeriac.worker.TaskRegistry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The sample tasks that ship in the jar: what {@code dev} runs, and names {@code submit} knows. */
public final class SampleTasks {
  private SampleTasks() {}

  /** The sample task classes. */
  public static List<Class<?>> classes() {
    return List.of(EmailTasks.class, ReportTasks.class, ScheduledTasks.class);
  }

  /** The samples, ready to run; the mail server fails each address's first attempt. */
  public static TaskRegistry registry() {
    return TaskRegistry.builder()
        .register(new EmailTasks(new FlakyMailServer(1)))
        .register(new ReportTasks())
        .register(new ScheduledTasks())
        .build();
  }

  /** The catalog of {@code extra} classes and the samples. */
  public static TaskCatalog catalogWith(List<Class<?>> extra) {
    Set<Class<?>> all = new LinkedHashSet<>(extra);
    all.addAll(classes());
    return TaskCatalog.of(all.toArray(Class<?>[]::new));
  }
}
