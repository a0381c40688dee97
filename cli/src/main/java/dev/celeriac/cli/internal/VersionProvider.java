package dev.celeriac.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code celeriac --version}: the project version the build wrote into the jar, and the JVM. */
public final class VersionProvider implements IVersionProvider {
  /** Creates the provider; picocli calls it. */
  public VersionProvider() {}

  /** The version lines. */
  @Override
  public String[] getVersion() {
    return new String[] {
      "celeriac " + version(),
      "JVM " + Runtime.version() + " (" + System.getProperty("java.home") + ")"
    };
  }

  /** The project version, as the build filtered it into {@code version.properties}. */
  public static String version() {
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/dev/celeriac/cli/version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing from the class path");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
