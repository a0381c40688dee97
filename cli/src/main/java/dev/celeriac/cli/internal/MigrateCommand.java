package dev.celeriac.cli.internal;

import dev.celeriac.store.postgres.PostgresTaskStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code celeriac migrate}: applies the Celeriac schema to the database. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = "Apply the Celeriac schema (Flyway migrations) to the database; safe to repeat.")
public final class MigrateCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection = new ConnectionOptions();
  @Spec CommandSpec spec;

  /** Creates the command; picocli calls it. */
  public MigrateCommand() {}

  @Override
  public Integer call() {
    Database database = connection.database();
    database.check(false);
    try (PostgresTaskStore store =
        PostgresTaskStore.builder()
            .jdbcUrl(database.jdbcUrl())
            .user(database.user())
            .password(database.password())
            .build()) {
      int applied = store.migrate();
      spec.commandLine()
          .getOut()
          .printf(
              "applied %d migration(s); the Celeriac schema at %s is current%n",
              applied, Failures.redact(database.jdbcUrl()));
    }
    return 0;
  }
}
