package dev.celeriac.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code bin/celeriac} finds a JDK 21 or newer, or fails in one line naming the javas
 * it found and their versions (#7). Each run gets a controlled environment: a PATH holding only the
 * few tools the script needs (and, where a test says so, a fake {@code java}), no JAVA_HOME unless
 * set, and an empty directory in place of /usr/lib/jvm.
 */
class LauncherIT {
  private static final Path SCRIPT = Path.of("..", "bin", "celeriac").toAbsolutePath().normalize();
  private static final Path REAL_JDK = Path.of(System.getProperty("java.home"));

  @TempDir Path dir;
  private Path tools;
  private Path jvmRoot;

  @BeforeEach
  void toolsAndAnEmptyJvmRoot() throws IOException {
    tools = Files.createDirectories(dir.resolve("tools"));
    for (String tool : new String[] {"sed", "head", "dirname"}) {
      Files.createSymbolicLink(tools.resolve(tool), which(tool));
    }
    jvmRoot = Files.createDirectories(dir.resolve("jvm"));
  }

  @Test
  void anOldJavaOnThePathAloneIsNamedWithItsVersionAndExitsNonZero() throws Exception {
    Path fakeBin = fakeJava(dir.resolve("fake"), "openjdk version \"17.0.15\" 2025-04-15");

    Run run = launch(Map.of("PATH", fakeBin + ":" + tools), "--version");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "celeriac: needs a JDK 21 or newer; found only: "
                + fakeBin.resolve("java")
                + " (Java 17). Set JAVA_HOME to a JDK 21+.\n");
  }

  @Test
  void anOldJavaHomeAndAnOldJavaOnThePathAreBothNamed() throws Exception {
    Path oldHome = dir.resolve("jdk-8");
    fakeJava(oldHome.resolve("bin"), "java version \"1.8.0_382\"");
    Path fakeBin = fakeJava(dir.resolve("fake"), "openjdk version \"17.0.15\" 2025-04-15");

    Run run =
        launch(Map.of("PATH", fakeBin + ":" + tools, "JAVA_HOME", oldHome.toString()), "--version");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "celeriac: needs a JDK 21 or newer; found only: "
                + oldHome.resolve("bin/java")
                + " (Java 8), "
                + fakeBin.resolve("java")
                + " (Java 17). Set JAVA_HOME to a JDK 21+.\n");
  }

  @Test
  void noJavaAtAllIsSaidInOneLine() throws Exception {
    Run run = launch(Map.of("PATH", tools.toString()), "--version");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "celeriac: needs a JDK 21 or newer; found only: no java at all."
                + " Set JAVA_HOME to a JDK 21+.\n");
  }

  @Test
  void aJavaHomeOfJdk21OrNewerRunsTheJar() throws Exception {
    Run run =
        launch(Map.of("PATH", tools.toString(), "JAVA_HOME", REAL_JDK.toString()), "--version");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("celeriac ").contains("JVM " + Runtime.version());
    assertThat(run.err()).isEmpty();
  }

  @Test
  void anOldJavaHomeIsSkippedForANewJdkUnderTheJvmRoot() throws Exception {
    Path oldHome = dir.resolve("jdk-17");
    fakeJava(oldHome.resolve("bin"), "openjdk version \"17.0.15\" 2025-04-15");
    Files.createSymbolicLink(jvmRoot.resolve("some-jdk"), REAL_JDK);

    Run run =
        launch(Map.of("PATH", tools.toString(), "JAVA_HOME", oldHome.toString()), "--version");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("celeriac ");
    assertThat(run.err())
        .isEqualTo(
            "celeriac: skipping "
                + oldHome.resolve("bin/java")
                + " (Java 17); using "
                + jvmRoot.resolve("some-jdk/bin/java")
                + "\n");
  }

  /** A directory holding a {@code java} that only prints {@code versionLine}, as old JDKs do. */
  private static Path fakeJava(Path bin, String versionLine) throws IOException {
    Files.createDirectories(bin);
    Path java = bin.resolve("java");
    Files.writeString(java, "#!/bin/sh\necho '" + versionLine + "' >&2\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  private Run launch(Map<String, String> env, String... args) throws Exception {
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().add("/bin/bash");
    builder.command().add(SCRIPT.toString());
    builder.command().addAll(java.util.List.of(args));
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().put("CELERIAC_JVM_ROOT", jvmRoot.toString());
    builder.environment().put("HOME", dir.toString());
    builder.redirectOutput(dir.resolve("out.txt").toFile());
    builder.redirectError(dir.resolve("err.txt").toFile());
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("bin/celeriac " + String.join(" ", args) + " did not finish");
    }
    return new Run(
        process.exitValue(),
        Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  private static Path which(String tool) {
    for (String entry : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path candidate = Path.of(entry, tool);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(tool + " is not on the PATH");
  }

  private record Run(int exitCode, String out, String err) {}
}
