package dev.celeriac.embedded.junit.internal;

import dev.celeriac.embedded.KafkaEndpoint;
import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.RabbitMqEndpoint;
import dev.celeriac.embedded.ZooKeeperEndpoint;
import dev.celeriac.embedded.internal.KafkaReadiness;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Probes the default ports on 127.0.0.1, each with the server's own protocol. */
final class DefaultPortServers implements LocalServers {
  private static final String CLOSED = "port closed";

  @Override
  public Lookup<PostgresEndpoint> postgres() {
    if (!PortProbe.open(5432)) {
      return Lookup.missed(CLOSED);
    }
    var local = new PostgresEndpoint("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
    try (var connection = local.connect()) {
      return connection.isValid(5) ? Lookup.found(local) : Lookup.missed("connection not valid");
    } catch (SQLException e) {
      return Lookup.missed("port open but login as postgres failed: " + e.getMessage());
    }
  }

  @Override
  public Lookup<KafkaEndpoint> kafka() {
    if (!PortProbe.open(9092)) {
      return Lookup.missed(CLOSED);
    }
    String notReady = KafkaReadiness.awaitNodes("127.0.0.1:9092", Duration.ofSeconds(5));
    return notReady == null
        ? Lookup.found(new KafkaEndpoint("127.0.0.1:9092"))
        : Lookup.missed("port open but no Kafka answer: " + notReady);
  }

  @Override
  public Lookup<ZooKeeperEndpoint> zookeeper() {
    // "srvr" is the one four-letter command ZooKeeper allows by default.
    String answer = ask(2181, "srvr".getBytes(StandardCharsets.US_ASCII), 64);
    if (answer == null) {
      return Lookup.missed(CLOSED);
    }
    return answer.startsWith("Zookeeper version")
        ? Lookup.found(new ZooKeeperEndpoint("127.0.0.1:2181"))
        : Lookup.missed("port open but no ZooKeeper answer to srvr");
  }

  @Override
  public Lookup<RabbitMqEndpoint> rabbitmq() {
    // The AMQP 0-9-1 protocol header; a broker answers with a Connection.Start method frame (1).
    byte[] header = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};
    String answer = ask(5672, header, 1);
    if (answer == null) {
      return Lookup.missed(CLOSED);
    }
    return answer.length() == 1 && answer.charAt(0) == 1
        ? Lookup.found(RabbitMqEndpoint.parse("amqp://guest:guest@127.0.0.1:5672/%2f"))
        : Lookup.missed("port open but no AMQP 0-9-1 answer");
  }

  /**
   * The answer as ISO-8859-1 text (one char per byte), "" if silent, null if the port is closed.
   */
  private static @Nullable String ask(int port, byte[] request, int maxBytes) {
    try {
      return new String(PortProbe.exchange(port, request, maxBytes), StandardCharsets.ISO_8859_1);
    } catch (SocketTimeoutException e) {
      return "";
    } catch (IOException e) {
      return null;
    }
  }
}
