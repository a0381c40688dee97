package dev.celeriac.embedded.junit.internal;

import dev.celeriac.embedded.EmbeddedKafka;
import dev.celeriac.embedded.EmbeddedPostgres;
import dev.celeriac.embedded.EmbeddedZooKeeper;
import dev.celeriac.embedded.KafkaEndpoint;
import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.ZooKeeperEndpoint;
import java.util.function.Supplier;

/** Starts the embedded servers, each stopped by a shutdown hook when the JVM exits. */
final class InProcessServers implements EmbeddedServers {
  @Override
  public PostgresEndpoint postgres() {
    var server = new EmbeddedPostgres(null);
    return startStoppedOnExit("embedded-postgres", server, server::start);
  }

  @Override
  public KafkaEndpoint kafka() {
    var server = EmbeddedKafka.builder().build();
    return startStoppedOnExit("embedded-kafka", server, server::start);
  }

  @Override
  public ZooKeeperEndpoint zookeeper() {
    var server = EmbeddedZooKeeper.builder().build();
    return startStoppedOnExit("embedded-zookeeper", server, server::start);
  }

  private static <E> E startStoppedOnExit(String name, AutoCloseable server, Supplier<E> start) {
    try {
      E endpoint = start.get();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> close(server), name + "-stop"));
      return endpoint;
    } catch (RuntimeException e) {
      close(server); // removes the temporary data directory of a server that did not start
      throw e;
    }
  }

  private static void close(AutoCloseable server) {
    try {
      server.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop " + server + ": " + e.getMessage(), e);
    }
  }
}
