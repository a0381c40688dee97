package dev.celeriac.cli.internal;

import dev.celeriac.cli.Main;
import dev.celeriac.console.ConsoleTokens;
import dev.celeriac.console.WebConsole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code celeriac console}: runs the web console until SIGINT or SIGTERM. */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description = "Run the web console: tasks, workers, queues, schedules and dead letters.")
public final class ConsoleCommand implements Callable<Integer> {
  @Mixin RoleOptions role = new RoleOptions();

  @Option(
      names = "--console-port",
      defaultValue = "8080",
      paramLabel = "PORT",
      description = "The console's HTTP port; in dev, 0 means the last run's or a free one.")
  int port = WebConsole.DEFAULT_PORT;

  @Option(
      names = "--console-host",
      defaultValue = "",
      paramLabel = "HOST",
      description =
          "The address the console binds; empty means 127.0.0.1 without tokens, 0.0.0.0 with.")
  String host = "";

  @Option(
      names = "--console-tokens",
      defaultValue = "",
      paramLabel = "ROLE:TOKEN[,ROLE:TOKEN]",
      description = "Bearer tokens, such as admin:TOKEN,viewer:TOKEN (at least 16 characters).")
  String tokens = "";

  @Option(
      names = "--console-tokens-file",
      defaultValue = "",
      paramLabel = "FILE",
      description = "A file of role:token lines, read when --console-tokens is empty.")
  String tokensFile = "";

  /** Creates the command; picocli calls it. */
  public ConsoleCommand() {}

  @Override
  public Integer call() throws InterruptedException {
    ConsoleTokens accepted = tokens();
    Probes.portFree("the console (--console-port)", port);
    return role.run(
        "",
        (resources, store, broker) -> {
          WebConsole.Builder builder =
              Consoles.on(store, broker, SampleTasks.catalogWith(role.taskClasses()))
                  .tokens(accepted)
                  .port(port);
          if (!host.isBlank()) {
            builder.host(host);
          }
          WebConsole console = resources.add(builder.build());
          console.start();
          return console.url()
              + " ("
              + (accepted.isEmpty() ? "no tokens: local callers only" : "token auth on")
              + ")";
        });
  }

  private ConsoleTokens tokens() {
    try {
      if (!tokens.isBlank()) {
        return ConsoleTokens.parse(tokens);
      }
      if (!tokensFile.isBlank()) {
        return ConsoleTokens.parse(Files.readString(Path.of(tokensFile), StandardCharsets.UTF_8));
      }
      return ConsoleTokens.none();
    } catch (IOException e) {
      throw new CliFailure(
          Main.EXIT_USAGE, "cannot read --console-tokens-file " + tokensFile + ": " + e, e);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(Main.EXIT_USAGE, "--console-tokens: " + e.getMessage(), e);
    }
  }
}
