package dev.celeriac.coordinator.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --name value} (or {@code --name=value}) options of a command line, each with an
 * environment variable fallback {@code CELERIAC_NAME} (upper case, dashes as underscores). Flags
 * win over the environment.
 */
public final class CommandLine {
  private final Map<String, String> flags;
  private final Map<String, String> environment;

  private CommandLine(Map<String, String> flags, Map<String, String> environment) {
    this.flags = flags;
    this.environment = environment;
  }

  /**
   * Parses {@code args} among the {@code known} option names.
   *
   * @throws IllegalArgumentException naming an unknown option or one without a value
   */
  public static CommandLine parse(List<String> args, List<String> known, Map<String, String> env) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException(
            "unexpected argument '" + arg + "'; options are " + known);
      }
      String name = arg.substring(2);
      String value;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new IllegalArgumentException("option --" + name + " needs a value");
      }
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name + "; options are " + known);
      }
      flags.put(name, value);
    }
    return new CommandLine(flags, env);
  }

  /** The environment variable that stands in for option {@code name}. */
  public static String variableOf(String name) {
    return "CELERIAC_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
  }

  /** The option's value from the flags, else the environment. */
  public Optional<String> value(String name) {
    String flag = flags.get(name);
    return Optional.ofNullable(flag != null ? flag : environment.get(variableOf(name)));
  }

  /**
   * The option's value.
   *
   * @throws IllegalArgumentException naming the option and its variable when neither is set
   */
  public String required(String name) {
    return value(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "--" + name + " (or " + variableOf(name) + ") is required"));
  }
}
