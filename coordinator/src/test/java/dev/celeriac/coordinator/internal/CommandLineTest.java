package dev.celeriac.coordinator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CoordinatorMain's options: flags, then environment, with errors naming the option. */
class CommandLineTest {
  private static final List<String> KNOWN = List.of("zk", "db-url", "db-user");

  @Test
  void flagsWinOverTheEnvironmentWhichFillsTheRest() {
    var line =
        CommandLine.parse(
            List.of("--zk", "zk1:2181", "--db-url=jdbc:postgresql://db/c"),
            KNOWN,
            Map.of("CELERIAC_ZK", "ignored:2181", "CELERIAC_DB_USER", "celeriac"));

    assertThat(line.required("zk")).isEqualTo("zk1:2181");
    assertThat(line.required("db-url")).isEqualTo("jdbc:postgresql://db/c");
    assertThat(line.value("db-user")).contains("celeriac");
  }

  @Test
  void unknownOptionsMissingValuesAndMissingRequiredOptionsAreNamed() {
    assertThatThrownBy(() -> CommandLine.parse(List.of("--zookeeper", "x"), KNOWN, Map.of()))
        .hasMessageContaining("unknown option --zookeeper");
    assertThatThrownBy(() -> CommandLine.parse(List.of("--zk"), KNOWN, Map.of()))
        .hasMessageContaining("--zk needs a value");
    assertThatThrownBy(() -> CommandLine.parse(List.of(), KNOWN, Map.of()).required("db-url"))
        .hasMessageContaining("--db-url (or CELERIAC_DB_URL) is required");
  }
}
