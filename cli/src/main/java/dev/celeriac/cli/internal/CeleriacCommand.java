package dev.celeriac.cli.internal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: global options, help and version; the work is in the subcommands. */
@Command(
    name = "celeriac",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A distributed task scheduler for the JVM.",
    subcommands = {
      DevCommand.class,
      WorkerCommand.class,
      CoordinatorCommand.class,
      SubmitCommand.class,
      StatusCommand.class,
      InspectCommand.class,
      SchedulesCommand.class,
      ConsoleCommand.class,
      MigrateCommand.class
    },
    footer = {
      "",
      "Configuration: flags, then CELERIAC_<OPTION> environment variables, then --config FILE",
      "(default ./celeriac.properties, keys are the option names without dashes)."
    })
public final class CeleriacCommand {
  @Option(
      names = "--config",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "A properties file of options (default: ./celeriac.properties if present).")
  @org.jspecify.annotations.Nullable
  String config;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Log what happens, and show the stack trace of a failure.")
  boolean verbose;
}
