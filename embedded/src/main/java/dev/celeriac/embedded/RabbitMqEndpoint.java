package dev.celeriac.embedded;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a RabbitMQ broker is, with its credentials, as an AMQP URI such as {@code
 * amqp://guest:guest@127.0.0.1:5672/%2f} (the form {@code ConnectionFactory.setUri} accepts).
 * Celeriac has no embedded RabbitMQ: this endpoint always names an external broker or a container.
 *
 * @param uri the AMQP URI; scheme {@code amqp} or {@code amqps}
 */
public record RabbitMqEndpoint(URI uri) {
  /**
   * Validates the URI.
   *
   * @throws IllegalArgumentException if the scheme is not {@code amqp} or {@code amqps}, or the
   *     host is missing
   */
  public RabbitMqEndpoint {
    requireNonNull(uri, "uri");
    String scheme = uri.getScheme();
    if (!"amqp".equalsIgnoreCase(scheme) && !"amqps".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException(
          "a RabbitMQ URI must start with amqp:// or amqps://, was " + uri);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("a RabbitMQ URI needs a host, was " + uri);
    }
  }

  /** The URI with its password masked, so endpoints can be logged. */
  @Override
  public String toString() {
    String userInfo = uri.getRawUserInfo();
    if (userInfo == null || !userInfo.contains(":")) {
      return "RabbitMqEndpoint[" + uri + "]";
    }
    String user = userInfo.substring(0, userInfo.indexOf(':'));
    return "RabbitMqEndpoint[" + uri.toString().replace(userInfo + "@", user + ":***@") + "]";
  }

  /**
   * Parses {@code uri}.
   *
   * @throws IllegalArgumentException if it is not a valid AMQP URI
   */
  public static RabbitMqEndpoint parse(String uri) {
    try {
      return new RabbitMqEndpoint(new URI(uri));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid RabbitMQ URI: " + e.getMessage(), e);
    }
  }
}
