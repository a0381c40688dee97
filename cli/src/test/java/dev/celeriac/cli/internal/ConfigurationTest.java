package dev.celeriac.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Options come from flags, then the environment, then the file, then the built-in default. */
class ConfigurationTest {
  @TempDir Path dir;

  @Test
  void aFlagBeatsTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefault() throws Exception {
    Path file = dir.resolve("c.properties");
    Files.writeString(file, "db-user=fromFile\nbroker=amqp://file\ndb-password=secret\n");
    Map<String, String> env =
        Map.of("CELERIAC_DB_USER", "fromEnv", "CELERIAC_BROKER", "kafka://env:1");

    SubmitCommand flagged =
        parse(env, "--config", file.toString(), "submit", "x", "--db-user", "fromFlag");
    SubmitCommand fromEnv = parse(env, "--config", file.toString(), "submit", "x");
    SubmitCommand fromFile = parse(Map.of(), "--config", file.toString(), "submit", "x");
    SubmitCommand defaults = parse(Map.of(), "submit", "x");

    assertThat(flagged.connection.dbUser).isEqualTo("fromFlag");
    assertThat(fromEnv.connection.dbUser).isEqualTo("fromEnv");
    assertThat(fromEnv.connection.broker).isEqualTo("kafka://env:1");
    assertThat(fromEnv.connection.dbPassword).isEqualTo("secret");
    assertThat(fromFile.connection.dbUser).isEqualTo("fromFile");
    assertThat(fromFile.connection.broker).isEqualTo("amqp://file");
    assertThat(defaults.connection.dbUser).isEqualTo("postgres");
    assertThat(defaults.connection.broker).isEqualTo("kafka://localhost:9092");
  }

  @Test
  void aConfigFileNamedAfterTheSubcommandIsReadToo() throws Exception {
    Path file = dir.resolve("after.properties");
    Files.writeString(file, "db=jdbc:postgresql://file-host/db\n");

    SubmitCommand parsed = parse(Map.of(), "submit", "x", "--config=" + file);

    assertThat(parsed.connection.db).isEqualTo("jdbc:postgresql://file-host/db");
  }

  @Test
  void aMissingConfigFileIsAUsageErrorNamingTheFile() {
    CliRun run = CliRun.of("--config", dir.resolve("nope.properties").toString(), "migrate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("celeriac: cannot read the configuration file ")
        .contains("nope.properties");
  }

  @Test
  void theReadmeReferenceTableIsTheOneTheOptionsGenerate() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    String start = "<!-- configuration-reference:start -->\n";
    String end = "<!-- configuration-reference:end -->";
    int from = readme.indexOf(start);
    int to = readme.indexOf(end);
    assertThat(from)
        .as("README.md has the markers " + start.strip() + " and " + end)
        .isNotNegative();
    assertThat(to).isGreaterThan(from);

    assertThat(readme.substring(from + start.length(), to))
        .as("README.md's table; paste the generated one between the markers")
        .isEqualTo(ReferenceTable.markdown());
  }

  @Test
  void theReferenceTableNamesEachOptionsEnvironmentVariableAndFileKey() {
    assertThat(ReferenceTable.markdown())
        .contains("| `--db-user` | `CELERIAC_DB_USER` | `db-user` | `postgres` |")
        .contains("| `--zk` | `CELERIAC_ZK` | `zk` | `localhost:2181` | coordinator |")
        .doesNotContain("`--help`", "`--config`", "`--fresh`");
  }

  private static SubmitCommand parse(Map<String, String> env, String... args) {
    CommandLine line =
        CommandFactory.commandLine(
            args, env, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    return line.parseArgs(args).subcommand().commandSpec().commandLine().getCommand();
  }
}
