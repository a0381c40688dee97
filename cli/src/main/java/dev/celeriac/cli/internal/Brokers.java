package dev.celeriac.cli.internal;

import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.broker.amqp.AmqpBroker;
import dev.celeriac.broker.amqp.AmqpBrokerConfig;
import dev.celeriac.broker.kafka.KafkaBroker;
import dev.celeriac.broker.kafka.KafkaBrokerConfig;
import dev.celeriac.cli.Main;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Opens the broker named by a URL: {@code kafka://HOST:PORT[,HOST:PORT]} (Kafka share groups) or
 * {@code amqp://USER:PASSWORD@HOST:PORT[/VHOST]} (RabbitMQ). Both client libraries connect lazily,
 * so the broker is reached once first, to fail now with a line that names it.
 */
public final class Brokers {
  private static final int CONNECT_TIMEOUT_MS = 5000;

  private Brokers() {}

  /**
   * Connects to the broker at {@code url}; the caller closes it.
   *
   * @throws CliFailure if the URL is not understood, the broker cannot be reached or it rejects the
   *     credentials
   */
  public static Broker open(String url) {
    if (url.startsWith("kafka://")) {
      String bootstrap = url.substring("kafka://".length());
      Probes.reachable("the Kafka broker", bootstrap);
      return KafkaBroker.create(KafkaBrokerConfig.builder(bootstrap).build());
    }
    if (url.startsWith("amqp://") || url.startsWith("amqps://")) {
      URI uri = uri(url);
      probeAmqp(uri);
      return AmqpBroker.create(AmqpBrokerConfig.builder(uri).build());
    }
    throw new CliFailure(
        Main.EXIT_USAGE,
        "--broker must start with kafka:// or amqp://, was '" + Failures.redact(url) + "'");
  }

  private static URI uri(String url) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new CliFailure(Main.EXIT_USAGE, "--broker is not a URI: " + Failures.redact(url), e);
    }
  }

  private static void probeAmqp(URI uri) {
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(uri);
    } catch (Exception e) {
      throw new CliFailure(
          Main.EXIT_USAGE, "--broker is not a usable AMQP URI: " + Failures.redact(uri.toString()));
    }
    factory.setConnectionTimeout(CONNECT_TIMEOUT_MS);
    factory.setAutomaticRecoveryEnabled(false);
    try (var connection = factory.newConnection("celeriac-cli-probe")) {
      connection.getServerProperties();
    } catch (PossibleAuthenticationFailureException e) {
      throw new CliFailure(
          Main.EXIT_NO_PERMISSION,
          "RabbitMQ at "
              + Failures.redact(uri.toString())
              + " rejected user '"
              + factory.getUsername()
              + "'; check the user and password in --broker",
          e);
    } catch (Exception e) {
      throw Failures.unreachable("RabbitMQ", uri.toString(), e);
    }
  }
}
