package dev.celeriac.cli.internal;

import dev.celeriac.cli.Main;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The data directory of {@code celeriac dev}: one sub-directory per embedded server, the ports of
 * the last run (so a restart finds its cluster on the same addresses) and {@code dev.properties}
 * with the addresses for the other commands. A marker file proves a directory is dev's own, so
 * {@code --fresh} never wipes anything else.
 */
public final class DevDirectory {
  static final String MARKER = "celeriac-dev.marker";
  static final String CONFIG = "dev.properties";

  private final Path root;

  private DevDirectory(Path root) {
    this.root = root;
  }

  /**
   * Creates (or with {@code fresh} wipes and re-creates) the directory.
   *
   * @throws CliFailure if it exists, is not empty and was not made by dev, or cannot be written
   */
  public static DevDirectory prepare(Path dir, boolean fresh) {
    Path root = dir.toAbsolutePath().normalize();
    try {
      if (Files.isDirectory(root) && !isEmpty(root) && !Files.exists(root.resolve(MARKER))) {
        throw new CliFailure(
            Main.EXIT_CONFIG,
            "the data directory "
                + root
                + " is not empty and was not created by celeriac dev; choose another --data-dir");
      }
      if (fresh && Files.exists(root)) {
        try (Stream<Path> paths = Files.walk(root)) {
          for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(root);
      if (!Files.exists(root.resolve(MARKER))) {
        Files.writeString(root.resolve(MARKER), "created by celeriac dev\n");
      }
      return new DevDirectory(root);
    } catch (IOException e) {
      throw new CliFailure(
          Main.EXIT_CONFIG, "cannot prepare the data directory " + root + ": " + e, e);
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  /** The directory. */
  public Path root() {
    return root;
  }

  /** The sub-directory {@code name}, not created. */
  public Path sub(String name) {
    return root.resolve(name);
  }

  /**
   * The ports for this run: a non-zero flag, else the last run's, else a free port; remembered for
   * the next run.
   */
  public DevPorts ports(int kafkaFlag, int zkFlag, int consoleFlag) {
    Properties last = read();
    int kafka = pick(kafkaFlag, last, "kafka-port");
    int controller = pick(0, last, "kafka-controller-port");
    while (controller == kafka) {
      controller = Probes.freePort();
    }
    int zk = pick(zkFlag, last, "zk-port");
    int console = pick(consoleFlag, last, "console-port");
    DevPorts ports = new DevPorts(kafka, controller, zk, console);
    Properties saved = new Properties();
    saved.setProperty("kafka-port", Integer.toString(kafka));
    saved.setProperty("kafka-controller-port", Integer.toString(controller));
    saved.setProperty("zk-port", Integer.toString(zk));
    saved.setProperty("console-port", Integer.toString(console));
    write(sub("ports.properties"), saved, "ports of celeriac dev's embedded servers");
    return ports;
  }

  /** Writes {@code dev.properties} with the addresses of this run; returns its path. */
  public Path writeConfig(String broker, Database database, String zk) {
    Properties config = new Properties();
    config.setProperty("broker", broker);
    config.setProperty("db", database.jdbcUrl());
    config.setProperty("db-user", database.user());
    config.setProperty("db-password", database.password());
    config.setProperty("zk", zk);
    Path path = sub(CONFIG);
    write(path, config, "celeriac dev's services; use with celeriac --config " + path);
    return path;
  }

  private static int pick(int flag, Properties last, String key) {
    if (flag != 0) {
      return flag;
    }
    String remembered = last.getProperty(key);
    return remembered != null ? Integer.parseInt(remembered) : Probes.freePort();
  }

  private Properties read() {
    Properties properties = new Properties();
    Path path = sub("ports.properties");
    if (Files.exists(path)) {
      try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new CliFailure(Main.EXIT_CONFIG, "cannot read " + path + ": " + e, e);
      }
    }
    return properties;
  }

  private static void write(Path path, Properties properties, String comment) {
    try (Writer writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      properties.store(writer, comment);
    } catch (IOException e) {
      throw new CliFailure(Main.EXIT_CONFIG, "cannot write " + path + ": " + e, e);
    }
  }
}
