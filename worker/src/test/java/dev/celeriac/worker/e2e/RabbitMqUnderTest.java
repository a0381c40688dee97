package dev.celeriac.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.broker.amqp.AmqpBroker;
import dev.celeriac.broker.amqp.AmqpBrokerConfig;
import dev.celeriac.embedded.junit.TestServices;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared RabbitMQ server ({@link TestServices#rabbitmq()}). Each broker it makes names its
 * connections uniquely, so {@link #dropConnections} can close exactly those from the server side,
 * as {@code rabbitmqctl close_connection} does, without disturbing other users of the server.
 */
final class RabbitMqUnderTest implements BrokerUnderTest {
  private static final Logger log = LoggerFactory.getLogger(RabbitMqUnderTest.class);

  private final URI uri = TestServices.rabbitmq().uri();
  private final Connection admin;
  private final Set<String> queues = ConcurrentHashMap.newKeySet();
  private final Map<Broker, String> connectionNames = new ConcurrentHashMap<>();

  RabbitMqUnderTest() {
    try {
      var factory = new ConnectionFactory();
      factory.setUri(uri);
      admin = factory.newConnection("celeriac-e2e-admin");
    } catch (Exception e) {
      throw new IllegalStateException("cannot connect the test admin to RabbitMQ: " + e, e);
    }
  }

  @Override
  public String newQueue(String prefix) {
    String name = "e2e-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    queues.add(name);
    return name;
  }

  @Override
  public String newWideQueue(String prefix) {
    return newQueue(prefix);
  }

  @Override
  public Broker newBroker() {
    return newBroker(AmqpBrokerConfig.DEFAULT_DELIVERY_LIMIT);
  }

  @Override
  public Broker newBroker(int deliveryLimit) {
    String name = "celeriac-e2e-" + UUID.randomUUID().toString().substring(0, 8);
    AmqpBroker broker =
        AmqpBroker.create(
            AmqpBrokerConfig.builder(uri)
                .connectionName(name)
                .deliveryLimit(deliveryLimit)
                .recoveryInterval(Duration.ofMillis(500))
                .build());
    connectionNames.put(broker, name);
    return broker;
  }

  @Override
  public String processUrl() {
    return uri.toString();
  }

  @Override
  public OptionalLong deadLettered(String queue) {
    try (Channel channel = admin.createChannel()) {
      return OptionalLong.of(channel.messageCount(queue + ".dead"));
    } catch (Exception e) {
      throw new IllegalStateException("cannot count the dead letters of " + queue + ": " + e, e);
    }
  }

  /**
   * The server's ids of the connections {@code broker} (made by this object) has open now, for
   * {@link #dropConnections}. Slow: {@code rabbitmqctl} starts an Erlang node each time.
   */
  List<String> connectionsOf(Broker broker) throws IOException, InterruptedException {
    String name = connectionNames.get(broker);
    assertThat(name).as("a broker made by this RabbitMqUnderTest").isNotNull();
    List<String> pids = new ArrayList<>();
    for (String line :
        rabbitmqctl("-q", "list_connections", "pid", "client_properties").split("\n")) {
      if (line.contains("\"" + name)) {
        pids.add(line.substring(0, line.indexOf('\t')).trim());
      }
    }
    return pids;
  }

  /**
   * Closes the connections {@code pids} from the server side, as a broker restart or network cut
   * would; only those, so other users of the shared server are not disturbed.
   */
  void dropConnections(List<String> pids) throws IOException, InterruptedException {
    for (String pid : pids) {
      rabbitmqctl("close_connection", pid, "closed by a Celeriac end-to-end test");
    }
  }

  private static String rabbitmqctl(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("rabbitmqctl"));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    assertThat(process.exitValue()).as("exit status of %s: %s", command, output).isZero();
    return output;
  }

  @Override
  public void close() {
    connectionNames.keySet().forEach(Broker::close);
    for (String queue : queues) {
      for (String name : List.of(queue, queue + ".dead")) {
        try (Channel channel = admin.createChannel()) {
          channel.queueDelete(name);
        } catch (Exception e) {
          log.warn("Could not delete test queue {}: {}", name, e.toString());
        }
      }
    }
    try {
      admin.close();
    } catch (IOException e) {
      log.warn("Closing the test admin connection failed: {}", e.toString());
    }
  }

  @Override
  public String toString() {
    return "RabbitMQ";
  }
}
