package dev.celeriac.broker.kafka;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.BrokerFactory;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@link BrokerFactory} for Kafka, found by {@link java.util.ServiceLoader} when this module is
 * on the class path: it serves {@code kafka://host:port} URLs, several servers separated by commas
 * ({@code kafka://k1:9092,k2:9092}), with a {@link KafkaBroker} of {@link KafkaBrokerConfig}'s
 * defaults for that {@code bootstrap.servers} list. The URL is the whole configuration; an
 * application that needs other settings (security, topic prefix, partitions) builds its broker with
 * {@link KafkaBroker#create} instead.
 *
 * <p>Thread-safe and stateless. {@link #connect} does not contact Kafka: the broker connects on
 * first use.
 */
public final class KafkaBrokerFactory implements BrokerFactory {
  private static final String SCHEME = "kafka://";
  private static final Pattern SERVER =
      Pattern.compile("[A-Za-z0-9._-]+:\\d{1,5}|\\[[0-9A-Fa-f:.]+]:\\d{1,5}");

  /** A factory; {@link java.util.ServiceLoader} calls this. */
  public KafkaBrokerFactory() {}

  /** True for URLs whose scheme is {@code kafka}, in any case. */
  @Override
  public boolean supports(String url) {
    return requireNonNull(url, "url").toLowerCase(Locale.ROOT).startsWith(SCHEME);
  }

  /**
   * A broker for the servers {@code url} lists, with every other setting at its default.
   *
   * @throws IllegalArgumentException if {@code url} is not {@code kafka://host:port[,host:port...]}
   *     (an optional trailing {@code /} is allowed), naming the part that is wrong
   */
  @Override
  public Broker connect(String url) {
    if (!supports(url)) {
      throw new IllegalArgumentException(
          "a Kafka broker URL starts with kafka://, was '" + schemeOf(url) + "'");
    }
    String servers = url.substring(SCHEME.length());
    if (servers.endsWith("/")) {
      servers = servers.substring(0, servers.length() - 1);
    }
    if (servers.isEmpty()) {
      throw new IllegalArgumentException(
          "a Kafka broker URL needs host:port, as in kafka://127.0.0.1:9092");
    }
    for (String server : servers.split(",", -1)) {
      if (!SERVER.matcher(server).matches()) {
        throw new IllegalArgumentException(
            "a Kafka broker URL lists host:port pairs separated by commas; '"
                + server
                + "' is not one");
      }
    }
    return KafkaBroker.create(KafkaBrokerConfig.builder(servers).build());
  }

  private static String schemeOf(String url) {
    int colon = url.indexOf(':');
    return colon > 0 ? url.substring(0, colon) + "://..." : "(no scheme)";
  }
}
