package dev.celeriac.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dev data directory: never wipes what it did not create, and remembers its ports. */
class DevDirectoryTest {
  @TempDir Path dir;

  @Test
  void aNonEmptyDirectoryDevDidNotCreateIsRefusedEvenWithFresh() throws Exception {
    Path foreign = Files.createDirectories(dir.resolve("home"));
    Files.writeString(foreign.resolve("thesis.tex"), "precious");

    CliRun run = CliRun.of("dev", "--data-dir", foreign.toString(), "--fresh");

    assertThat(run.exitCode()).isEqualTo(78);
    assertThat(run.err())
        .isEqualTo(
            "celeriac dev: the data directory "
                + foreign
                + " is not empty and was not created by celeriac dev; choose another --data-dir\n");
    assertThat(foreign.resolve("thesis.tex")).hasContent("precious");
  }

  @Test
  void freshWipesDevsOwnDirectory() throws Exception {
    DevDirectory first = DevDirectory.prepare(dir.resolve("dev"), false);
    Files.writeString(first.sub("leftover"), "old run");

    DevDirectory fresh = DevDirectory.prepare(dir.resolve("dev"), true);

    assertThat(fresh.sub("leftover")).doesNotExist();
    assertThat(fresh.sub(DevDirectory.MARKER)).exists();
  }

  @Test
  void aSecondRunGetsTheFirstRunsPortsUnlessAFlagSetsOne() {
    DevDirectory directory = DevDirectory.prepare(dir.resolve("dev"), false);
    DevPorts first = directory.ports(0, 0, 0);

    DevPorts second = directory.ports(0, 0, 0);
    DevPorts flagged = directory.ports(first.kafka() == 40_001 ? 40_002 : 40_001, 0, 0);

    assertThat(second).isEqualTo(first);
    assertThat(flagged.kafka()).isNotEqualTo(first.kafka());
    assertThat(flagged.zooKeeper()).isEqualTo(first.zooKeeper());
    assertThat(flagged.console()).isEqualTo(first.console());
  }

  @Test
  void theConfigFileHoldsTheAddressesTheOtherCommandsRead() throws Exception {
    DevDirectory directory = DevDirectory.prepare(dir.resolve("dev"), false);

    Path file =
        directory.writeConfig(
            "kafka://127.0.0.1:9",
            new Database("jdbc:postgresql://localhost:7/postgres", "postgres", ""),
            "127.0.0.1:8");

    Properties written = new Properties();
    try (var reader = Files.newBufferedReader(file)) {
      written.load(reader);
    }
    assertThat(written)
        .containsEntry("broker", "kafka://127.0.0.1:9")
        .containsEntry("db", "jdbc:postgresql://localhost:7/postgres")
        .containsEntry("db-user", "postgres")
        .containsEntry("zk", "127.0.0.1:8");
  }
}
