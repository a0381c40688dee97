package dev.celeriac.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing and matching console tokens, without ever echoing one. */
class ConsoleTokensTest {

  @Test
  void eachTokenMapsToItsRole() {
    ConsoleTokens tokens = ConsoleTokens.parse("admin:aaaaaaaaaaaaaaaa1, viewer:bbbbbbbbbbbbbbbb2");

    assertThat(tokens.roleOf("aaaaaaaaaaaaaaaa1")).contains(ConsoleRole.ADMIN);
    assertThat(tokens.roleOf("bbbbbbbbbbbbbbbb2")).contains(ConsoleRole.VIEWER);
    assertThat(tokens.roleOf("aaaaaaaaaaaaaaaa")).isEmpty();
    assertThat(tokens.roleOf("")).isEmpty();
  }

  @Test
  void adminIncludesViewerButNotTheOtherWayRound() {
    assertThat(ConsoleRole.ADMIN.includes(ConsoleRole.VIEWER)).isTrue();
    assertThat(ConsoleRole.VIEWER.includes(ConsoleRole.ADMIN)).isFalse();
  }

  @Test
  void unknownRoleShortTokenAndMissingColonAreRejectedWithoutShowingTheToken() {
    assertThatThrownBy(() -> ConsoleTokens.parse("root:secretsecretsecret"))
        .hasMessageContaining("unknown role 'root'")
        .hasMessageNotContaining("secretsecretsecret");
    assertThatThrownBy(() -> ConsoleTokens.parse("admin:short"))
        .hasMessageContaining("at least 16")
        .hasMessageNotContaining("short");
    assertThatThrownBy(() -> ConsoleTokens.parse("justatokenwithoutrole"))
        .hasMessageContaining("role:token")
        .hasMessageNotContaining("justatoken");
  }

  @Test
  void toStringCountsTokensAndShowsNone() {
    assertThat(ConsoleTokens.parse("admin:cccccccccccccccc3").toString())
        .isEqualTo("ConsoleTokens[1 configured]");
  }

  @Test
  void tokensAreReadFromAFileNamedInTheEnvironmentSkippingCommentsAndBlankLines(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("tokens");
    Files.writeString(file, "# console tokens\n\nviewer:dddddddddddddddd4\n");

    ConsoleTokens tokens =
        ConsoleTokens.fromEnvironment(Map.of(ConsoleTokens.TOKENS_FILE_ENV, file.toString()));

    assertThat(tokens.roleOf("dddddddddddddddd4")).contains(ConsoleRole.VIEWER);
    assertThat(ConsoleTokens.fromEnvironment(Map.of()).isEmpty()).isTrue();
  }
}
