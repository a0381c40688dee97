package dev.celeriac.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
  @Test
  void temporaryDirectoryIsDeletedWithItsContent() throws IOException {
    var directory = DataDirectory.givenOrTemporary(null, "celeriac-test-");
    Files.createDirectories(directory.path().resolve("a/b"));
    Files.writeString(directory.path().resolve("a/b/file"), "data");

    directory.deleteIfEphemeral();

    assertThat(directory.ephemeral()).isTrue();
    assertThat(directory.path()).doesNotExist();
  }

  @Test
  void givenDirectoryIsCreatedIfMissingAndKept(@TempDir Path parent) throws IOException {
    var directory = DataDirectory.givenOrTemporary(parent.resolve("data"), "unused-");
    Files.writeString(directory.path().resolve("file"), "data");

    directory.deleteIfEphemeral();

    assertThat(directory.ephemeral()).isFalse();
    assertThat(directory.path().resolve("file")).hasContent("data");
  }
}
