package dev.celeriac.api.spi;

import java.util.ServiceLoader;

/**
 * Connects a launcher (the worker's {@code WorkerMain}, the {@code celeriac} command) to a broker
 * named by a URL such as {@code kafka://host:9092} or {@code amqp://guest:guest@host:5672}. Broker
 * modules provide one through {@link ServiceLoader} (a {@code
 * META-INF/services/dev.celeriac.api.spi.BrokerFactory} entry), and {@link #fromServiceLoader()}
 * picks the one that {@link #supports} the URL; a launcher may also pass its own.
 *
 * <p>It lives in the API module, beside {@link Broker}, so a broker module implements it without
 * depending on the worker. Implementations are thread-safe and need a public no-argument
 * constructor.
 */
public interface BrokerFactory {
  /**
   * Connects to the broker at {@code url}; the caller closes it.
   *
   * @throws IllegalArgumentException if {@code url} is not one this factory can use, naming what is
   *     wrong with it
   * @throws RuntimeException (preferably a {@link BrokerException}) with a message that says what
   *     failed, if the broker cannot be reached
   */
  Broker connect(String url);

  /** Whether this factory understands {@code url}, typically by its scheme. Defaults to true. */
  default boolean supports(String url) {
    return true;
  }

  /**
   * A factory that delegates to the first {@link ServiceLoader}-provided factory supporting the
   * URL, looked up in the thread context class loader at each call; it throws {@link
   * IllegalArgumentException} naming the URL's scheme if none does.
   */
  static BrokerFactory fromServiceLoader() {
    return url -> {
      for (BrokerFactory factory : ServiceLoader.load(BrokerFactory.class)) {
        if (factory.supports(url)) {
          return factory.connect(url);
        }
      }
      throw new IllegalArgumentException(
          "no broker module on the class path understands '"
              + ServiceUrls.schemeOf(url)
              + "' URLs; add celeriac-broker-kafka or celeriac-broker-amqp");
    };
  }
}
