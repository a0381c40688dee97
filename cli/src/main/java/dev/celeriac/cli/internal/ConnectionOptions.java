package dev.celeriac.cli.internal;

import picocli.CommandLine.Option;

/** Where the broker and the database are: the options every client subcommand shares. */
public final class ConnectionOptions {
  @Option(
      names = "--broker",
      defaultValue = "kafka://localhost:9092",
      paramLabel = "URL",
      description = "The broker: kafka://HOST:PORT[,HOST:PORT] or amqp://USER:PASSWORD@HOST:PORT.")
  String broker = "kafka://localhost:9092";

  @Option(
      names = "--db",
      defaultValue = "jdbc:postgresql://localhost:5432/celeriac",
      paramLabel = "JDBC_URL",
      description = "The PostgreSQL database, as a JDBC URL.")
  String db = "jdbc:postgresql://localhost:5432/celeriac";

  @Option(
      names = "--db-user",
      defaultValue = "postgres",
      paramLabel = "USER",
      description = "The database user.")
  String dbUser = "postgres";

  @Option(
      names = "--db-password",
      defaultValue = "",
      paramLabel = "PASSWORD",
      description = "The database password (better from the environment or the file).")
  String dbPassword = "";

  /** The broker URL. */
  public String broker() {
    return broker;
  }

  /** The database settings. */
  public Database database() {
    return new Database(db, dbUser, dbPassword);
  }
}
