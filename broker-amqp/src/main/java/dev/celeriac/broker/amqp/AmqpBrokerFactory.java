package dev.celeriac.broker.amqp;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.BrokerFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The {@link BrokerFactory} for RabbitMQ, found by {@link java.util.ServiceLoader} when this module
 * is on the class path: it serves {@code amqp://} and {@code amqps://} URLs, such as {@code
 * amqp://guest:guest@rabbit:5672/%2f}, with an {@link AmqpBroker} of {@link AmqpBrokerConfig}'s
 * defaults. The URL is the whole configuration (user, password, host, port, virtual host, as
 * amqp-client reads it); an application that needs other settings builds its broker with {@link
 * AmqpBroker#create} instead.
 *
 * <p>Thread-safe and stateless. {@link #connect} never blocks: the broker connects on first use.
 */
public final class AmqpBrokerFactory implements BrokerFactory {

  /** A factory; {@link java.util.ServiceLoader} calls this. */
  public AmqpBrokerFactory() {}

  /** True for URLs whose scheme is {@code amqp} or {@code amqps}, in any case. */
  @Override
  public boolean supports(String url) {
    String lower = requireNonNull(url, "url").toLowerCase(Locale.ROOT);
    return lower.startsWith("amqp://") || lower.startsWith("amqps://");
  }

  /**
   * A broker for {@code url} with every other setting at its default. It connects on first use, so
   * this succeeds even while RabbitMQ is down; publishing or subscribing then fails with a {@link
   * dev.celeriac.api.spi.BrokerException}.
   *
   * @throws IllegalArgumentException if {@code url} is not a valid {@code amqp://} or {@code
   *     amqps://} URI
   */
  @Override
  public Broker connect(String url) {
    if (!supports(url)) {
      throw new IllegalArgumentException(
          "a RabbitMQ broker URL starts with amqp:// or amqps://, was '" + schemeOf(url) + "'");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid RabbitMQ URL: " + e.getReason(), e);
    }
    return AmqpBroker.create(AmqpBrokerConfig.builder(uri).build());
  }

  private static String schemeOf(String url) {
    int colon = url.indexOf(':');
    return colon > 0 ? url.substring(0, colon) + "://..." : "(no scheme)";
  }
}
