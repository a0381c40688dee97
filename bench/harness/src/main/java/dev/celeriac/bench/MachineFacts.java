package dev.celeriac.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The facts about the machine and the software that a figure is read with. */
final class MachineFacts {
  private MachineFacts() {}

  /** Puts cores, memory, load, OS, JVM and the commit measured into {@code facts}. */
  static void collect(Map<String, String> facts) {
    facts.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    facts.put("memory", procLine("/proc/meminfo", "MemTotal:"));
    facts.put("load average at start", loadAverage());
    facts.put(
        "OS",
        osRelease()
            + " ("
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + ", "
            + System.getProperty("os.arch")
            + ")");
    facts.put(
        "JVM",
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.vm.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")");
    facts.put("worker JVM options", String.join(" ", WorkerProcess.JVM_OPTIONS));
    facts.put("Celeriac commit", gitCommit());
  }

  /**
   * {@code /proc/loadavg}: the 1, 5 and 15 minute load averages, runnable/all threads, last pid.
   */
  static String loadAverage() {
    return firstLine("/proc/loadavg");
  }

  private static String osRelease() {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
        if (line.startsWith("PRETTY_NAME=")) {
          return line.substring("PRETTY_NAME=".length()).replace("\"", "");
        }
      }
    } catch (IOException e) {
      // Not Linux: the system properties below say enough.
    }
    return "unknown OS release";
  }

  private static String procLine(String file, String key) {
    try {
      for (String line : Files.readAllLines(Path.of(file))) {
        if (line.startsWith(key)) {
          long kib = Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
          return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Unknown below.
    }
    return "unknown";
  }

  private static String firstLine(String file) {
    try {
      return Files.readAllLines(Path.of(file)).get(0);
    } catch (IOException | IndexOutOfBoundsException e) {
      return "unknown";
    }
  }

  private static String gitCommit() {
    try {
      Process git =
          new ProcessBuilder("git", "describe", "--always", "--dirty")
              .redirectErrorStream(true)
              .start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
