package dev.celeriac.cli.internal;

import dev.celeriac.cli.Main;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The second and third sources of configuration, after the flags: for an option {@code --db-user}
 * not given on the command line, the environment variable {@code CELERIAC_DB_USER}, then the key
 * {@code db-user} of the properties file, then the option's built-in default. The file is {@code
 * --config FILE} if given, else {@code celeriac.properties} in the working directory if present.
 */
public final class ConfigDefaults implements IDefaultValueProvider {
  /** The file read when {@code --config} is not given, if it exists. */
  public static final String DEFAULT_FILE = "celeriac.properties";

  // Options that are about this invocation, not configuration.
  private static final Set<String> NOT_CONFIGURABLE =
      Set.of("--help", "--version", "--config", "--fresh", "--wait");

  private final Map<String, String> env;
  private final Properties file;

  private ConfigDefaults(Map<String, String> env, Properties file) {
    this.env = Map.copyOf(env);
    this.file = file;
  }

  /**
   * The defaults for {@code args}: the environment, then the file {@code --config} names in {@code
   * args} or {@value #DEFAULT_FILE}.
   *
   * @throws CliFailure ({@link Main#EXIT_USAGE}) if the named file cannot be read
   */
  public static ConfigDefaults of(List<String> args, Map<String, String> env, Path workingDir) {
    Path named = configFile(args);
    Properties properties = new Properties();
    Path path = named != null ? named : workingDir.resolve(DEFAULT_FILE);
    if (named != null || Files.isRegularFile(path)) {
      try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new CliFailure(
            Main.EXIT_USAGE, "cannot read the configuration file " + path + ": " + e, e);
      }
    }
    return new ConfigDefaults(env, properties);
  }

  private static @Nullable Path configFile(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--config") && i + 1 < args.size()) {
        return Path.of(args.get(i + 1));
      }
      if (arg.startsWith("--config=")) {
        return Path.of(arg.substring("--config=".length()));
      }
    }
    return null;
  }

  /** Whether {@code option} is read from the environment and the file. */
  public static boolean configurable(OptionSpec option) {
    return option.longestName().startsWith("--")
        && !NOT_CONFIGURABLE.contains(option.longestName());
  }

  /** The properties-file key of {@code option}: its long name without the dashes. */
  public static String fileKey(OptionSpec option) {
    return option.longestName().substring(2);
  }

  /** The environment variable of {@code option}, such as {@code CELERIAC_DB_USER}. */
  public static String envVariable(OptionSpec option) {
    return "CELERIAC_" + fileKey(option).replace('-', '_').toUpperCase(Locale.ROOT);
  }

  @Override
  public @Nullable String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || !configurable(option)) {
      return null;
    }
    String fromEnv = env.get(envVariable(option));
    if (fromEnv != null) {
      return fromEnv;
    }
    String fromFile = file.getProperty(fileKey(option));
    if (fromFile != null) {
      return fromFile.strip();
    }
    return option.defaultValue();
  }
}
