package dev.celeriac.broker.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.celeriac.broker.amqp.internal.QueueArguments;
import dev.celeriac.embedded.junit.TestServices;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Test access to the shared RabbitMQ behind the broker's back: unique queue names that are deleted
 * after the test (with their dead-letter queues), raw declarations and reads, and closing the
 * broker's connections from the server side with {@code rabbitmqctl}.
 */
final class RabbitAdmin implements AutoCloseable {
  private final Set<String> queues = ConcurrentHashMap.newKeySet();
  private final Connection connection;

  RabbitAdmin() {
    try {
      var factory = new ConnectionFactory();
      factory.setUri(uri());
      connection = factory.newConnection("celeriac-test-admin");
    } catch (Exception e) {
      throw new IllegalStateException("cannot connect the test admin to RabbitMQ: " + e, e);
    }
  }

  static URI uri() {
    return TestServices.rabbitmq().uri();
  }

  /** A queue name no other test uses; the queue and its dead-letter queue are deleted on close. */
  String newQueue(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    queues.add(name);
    return name;
  }

  /** Tracks a queue created elsewhere, so it is deleted on close. */
  void track(String queue) {
    queues.add(queue);
  }

  /** A broker config for the shared RabbitMQ whose connections carry a unique name. */
  AmqpBrokerConfig.Builder config() {
    return AmqpBrokerConfig.builder(uri())
        .connectionName("celeriac-it-" + UUID.randomUUID().toString().substring(0, 8))
        .recoveryInterval(Duration.ofMillis(500));
  }

  /** Runs {@code action} on a fresh channel of the admin connection. */
  <T> T onChannel(ChannelAction<T> action) {
    try (Channel channel = connection.createChannel()) {
      return action.apply(channel);
    } catch (Exception e) {
      throw new IllegalStateException("admin operation failed: " + e, e);
    }
  }

  /** The next message waiting in {@code queue}, acknowledged, or null if none. */
  @Nullable GetResponse take(String queue) {
    return onChannel(channel -> channel.basicGet(queue, true));
  }

  /** How many messages wait in {@code queue}. */
  long depth(String queue) {
    return onChannel(channel -> channel.messageCount(queue));
  }

  /**
   * Closes, from the server side, every connection whose name starts with {@code namePrefix}, as a
   * broker restart or network cut would; returns how many were closed. Only the named ones, so
   * other users of the shared server are not disturbed.
   */
  int closeConnections(String namePrefix) throws IOException, InterruptedException {
    List<String> pids = new ArrayList<>();
    for (String line :
        run("rabbitmqctl", "-q", "list_connections", "pid", "client_properties").split("\n")) {
      if (line.contains("\"" + namePrefix)) {
        pids.add(line.substring(0, line.indexOf('\t')).trim());
      }
    }
    for (String pid : pids) {
      run("rabbitmqctl", "close_connection", pid, "closed by a Celeriac test");
    }
    return pids.size();
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[1]).isTrue();
    assertThat(process.exitValue()).as("exit status of %s: %s", List.of(command), output).isZero();
    return output;
  }

  /** Deletes the tracked queues and their dead-letter queues, then disconnects. */
  @Override
  public void close() throws IOException {
    for (String queue : queues) {
      onChannel(channel -> channel.queueDelete(queue));
      onChannel(channel -> channel.queueDelete(QueueArguments.deadLetterQueue(queue)));
    }
    connection.close();
  }

  /** Something done on a channel. */
  interface ChannelAction<T> {
    T apply(Channel channel) throws Exception;
  }
}
