package dev.celeriac.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.celeriac.api.spi.StoreFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** A launcher finds the PostgreSQL store by URL through {@link ServiceLoader}. */
class PostgresStoreFactoryTest {
  private final PostgresStoreFactory factory = new PostgresStoreFactory();

  @Test
  void serviceLoaderFindsTheFactory() {
    assertThat(ServiceLoader.load(StoreFactory.class).stream().map(ServiceLoader.Provider::type))
        .contains(PostgresStoreFactory.class);
  }

  @Test
  void supportsLibpqAndJdbcPostgresUrlsOnly() {
    assertThat(factory.supports("postgresql://app@127.0.0.1/celeriac")).isTrue();
    assertThat(factory.supports("jdbc:postgresql://127.0.0.1/celeriac")).isTrue();
    assertThat(factory.supports("amqp://127.0.0.1")).isFalse();
  }

  @Test
  void serviceLoadedFactoryRefusesAUrlWithoutAHostBeforeConnecting() {
    assertThatThrownBy(() -> StoreFactory.fromServiceLoader().open("postgresql:///celeriac"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a host");
  }

  @Test
  void urlNoModuleUnderstandsIsRefusedNamingItsScheme() {
    assertThatThrownBy(() -> StoreFactory.fromServiceLoader().open("mongodb://h/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'mongodb'");
  }
}
