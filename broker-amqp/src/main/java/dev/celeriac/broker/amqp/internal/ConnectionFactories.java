package dev.celeriac.broker.amqp.internal;

import com.rabbitmq.client.ConnectionFactory;
import dev.celeriac.broker.amqp.AmqpBrokerConfig;
import java.net.URI;
import java.security.GeneralSecurityException;

/** Builds the amqp-client connection factory for a configuration. */
public final class ConnectionFactories {
  private ConnectionFactories() {}

  /**
   * A factory for auto-recovering connections (connection, channels, consumers and declared
   * topology) with every timeout bounded by the configuration.
   *
   * @throws IllegalArgumentException if the URI cannot be used (for instance TLS setup failed)
   */
  public static ConnectionFactory create(AmqpBrokerConfig config) {
    var factory = new ConnectionFactory();
    try {
      factory.setUri(config.uri());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot use RabbitMQ URI " + redacted(config.uri()) + ": " + e.getMessage(), e);
    }
    int connectMillis = Math.toIntExact(config.connectTimeout().toMillis());
    factory.setConnectionTimeout(connectMillis);
    factory.setHandshakeTimeout(connectMillis);
    // The default RPC timeout is 10 minutes; a declaration must not hang a publish that long.
    factory.setChannelRpcTimeout(connectMillis);
    factory.setShutdownTimeout(connectMillis);
    factory.setAutomaticRecoveryEnabled(true);
    factory.setTopologyRecoveryEnabled(true);
    factory.setNetworkRecoveryInterval(config.recoveryInterval().toMillis());
    return factory;
  }

  /** {@code uri} without its user information, for messages and logs. */
  public static String redacted(URI uri) {
    int port = uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return uri.getScheme() + "://" + uri.getHost() + (port < 0 ? "" : ":" + port) + path;
  }
}
