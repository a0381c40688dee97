package dev.celeriac.api.spi;

import java.util.ServiceLoader;

/**
 * Opens the {@link TaskStore} named by a URL such as {@code postgresql://user@host:5432/celeriac}
 * for a launcher (the worker's {@code WorkerMain}, the {@code celeriac} command). Store modules
 * provide one through {@link ServiceLoader} (a {@code
 * META-INF/services/dev.celeriac.api.spi.StoreFactory} entry), and {@link #fromServiceLoader()}
 * picks the one that {@link #supports} the URL; a launcher may also pass its own.
 *
 * <p>It lives in the API module, beside {@link TaskStore}, so a store module implements it without
 * depending on the worker. Implementations are thread-safe and need a public no-argument
 * constructor.
 */
public interface StoreFactory {
  /**
   * Opens the store at {@code url}, ready for reads and writes; the caller closes it.
   *
   * @throws IllegalArgumentException if {@code url} is not one this factory can use, naming what is
   *     wrong with it
   * @throws RuntimeException with a message that says what failed, if the store cannot be reached
   */
  TaskStore open(String url);

  /** Whether this factory understands {@code url}, typically by its scheme. Defaults to true. */
  default boolean supports(String url) {
    return true;
  }

  /**
   * A factory that delegates to the first {@link ServiceLoader}-provided factory supporting the
   * URL, looked up in the thread context class loader at each call; it throws {@link
   * IllegalArgumentException} naming the URL's scheme if none does.
   */
  static StoreFactory fromServiceLoader() {
    return url -> {
      for (StoreFactory factory : ServiceLoader.load(StoreFactory.class)) {
        if (factory.supports(url)) {
          return factory.open(url);
        }
      }
      throw new IllegalArgumentException(
          "no store module on the class path understands '"
              + ServiceUrls.schemeOf(url)
              + "' URLs; add celeriac-store-postgres");
    };
  }
}
