package dev.celeriac.coordinator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * One real ZooKeeper server per test JVM (Curator's {@code TestingServer}), with a 500 ms tick so
 * that sessions of a few seconds are allowed and expire close to their timeout: the embedded
 * module's server uses ZooKeeper's default 3 s tick, which rounds a 4 s session up to 6 s and
 * expires it up to one tick late.
 */
final class TestZooKeeper {
  private static TestingServer server;

  private TestZooKeeper() {}

  static synchronized String connectString() {
    if (server == null) {
      try {
        var spec =
            new InstanceSpec(
                Files.createTempDirectory("celeriac-coordinator-zk").toFile(),
                -1,
                -1,
                -1,
                true,
                1,
                500,
                -1,
                Map.of("admin.enableServer", "false"),
                "127.0.0.1");
        server = new TestingServer(spec, true);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (Exception e) {
        throw new IllegalStateException("ZooKeeper did not start: " + e.getMessage(), e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(TestZooKeeper::stop));
    }
    return server.getConnectString();
  }

  private static synchronized void stop() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
