package dev.celeriac.worker;

import dev.celeriac.api.spi.TaskStore;
import java.util.ServiceLoader;

/**
 * Opens the {@link TaskStore} named by a URL such as {@code postgresql://user@host:5432/celeriac}
 * for {@link WorkerMain}. Store modules provide one through {@link ServiceLoader} (a {@code
 * META-INF/services/dev.celeriac.worker.StoreFactory} entry), and {@link #fromServiceLoader()}
 * picks the one that {@link #supports} the URL; a launcher may also pass its own to {@link
 * WorkerMain#run}.
 */
public interface StoreFactory {
  /**
   * Opens the store at {@code url}; the caller closes it.
   *
   * @throws RuntimeException with a message that says what failed, if the store cannot be reached
   */
  TaskStore open(String url);

  /** Whether this factory understands {@code url}, typically by its scheme. Defaults to true. */
  default boolean supports(String url) {
    return true;
  }

  /**
   * A factory that delegates to the first {@link ServiceLoader}-provided factory supporting the
   * URL; it throws {@link IllegalArgumentException} naming the URL's scheme if none does.
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
              + LaunchMessages.scheme(url)
              + "' URLs; add celeriac-store-postgres");
    };
  }
}
