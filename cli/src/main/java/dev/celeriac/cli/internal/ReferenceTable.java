package dev.celeriac.cli.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The README's configuration reference, generated from the options the subcommands declare: one row
 * per option with its flag, environment variable, file key, default, the subcommands that take it
 * and its description. A test compares the README with this, so the two cannot drift.
 */
public final class ReferenceTable {
  private ReferenceTable() {}

  /** The markdown table for every configurable option of {@code celeriac}'s subcommands. */
  public static String markdown() {
    Map<String, Row> rows = new TreeMap<>();
    CommandLine root = CommandFactory.bare();
    for (OptionSpec option : root.getCommandSpec().options()) {
      if (ConfigDefaults.configurable(option)) {
        rows.computeIfAbsent(option.longestName(), name -> new Row(option)).add("all", option);
      }
    }
    collect(root, rows);
    StringBuilder table = new StringBuilder();
    table.append("| flag | environment | file key | default | commands | meaning |\n");
    table.append("|---|---|---|---|---|---|\n");
    for (Row row : rows.values()) {
      table
          .append("| `")
          .append(row.option.longestName())
          .append("` | `")
          .append(ConfigDefaults.envVariable(row.option))
          .append("` | `")
          .append(ConfigDefaults.fileKey(row.option))
          .append("` | ")
          .append(row.defaults())
          .append(" | ")
          .append(String.join(", ", row.commands))
          .append(" | ")
          .append(String.join(" ", row.option.description()).replace("|", "\\|"))
          .append(" |\n");
    }
    return table.toString();
  }

  private static void collect(CommandLine command, Map<String, Row> rows) {
    Map<String, CommandLine> subcommands = new LinkedHashMap<>(command.getSubcommands());
    for (CommandLine sub : subcommands.values()) {
      for (OptionSpec option : sub.getCommandSpec().options()) {
        if (ConfigDefaults.configurable(option) && !option.inherited()) {
          rows.computeIfAbsent(option.longestName(), name -> new Row(option))
              .add(sub.getCommandName(), option);
        }
      }
      collect(sub, rows);
    }
  }

  private static String defaultOf(OptionSpec option) {
    String value = option.defaultValue();
    if (option.type() == boolean.class) {
      return "`false`";
    }
    return value == null || value.isEmpty() ? "(empty)" : "`" + value + "`";
  }

  private static final class Row {
    final OptionSpec option;
    final List<String> commands = new ArrayList<>();
    final Map<String, String> defaultByCommand = new LinkedHashMap<>();

    Row(OptionSpec option) {
      this.option = option;
    }

    void add(String command, OptionSpec declared) {
      commands.add(command);
      defaultByCommand.put(command, defaultOf(declared));
    }

    // One default when the commands agree, else each command's own.
    String defaults() {
      if (new java.util.HashSet<>(defaultByCommand.values()).size() == 1) {
        return defaultByCommand.values().iterator().next();
      }
      List<String> each = new ArrayList<>();
      defaultByCommand.forEach((command, value) -> each.add(command + ": " + value));
      return String.join("; ", each);
    }
  }
}
