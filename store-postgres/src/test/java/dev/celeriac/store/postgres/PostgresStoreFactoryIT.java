package dev.celeriac.store.postgres;

import static dev.celeriac.store.postgres.TestDatabase.aMessage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.StoreFactory;
import dev.celeriac.api.spi.TaskStore;
import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.junit.TestServices;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A store opened by URL is migrated and started, in both URL forms. */
@Timeout(60)
class PostgresStoreFactoryIT {

  @Test
  void libpqUrlOpensAMigratedStartedStore() throws Exception {
    PostgresEndpoint endpoint = TestServices.postgres();
    String libpq =
        "postgresql://"
            + URLEncoder.encode(endpoint.user(), StandardCharsets.UTF_8)
            + (endpoint.password().isEmpty()
                ? ""
                : ":" + URLEncoder.encode(endpoint.password(), StandardCharsets.UTF_8))
            + "@"
            + endpoint.jdbcUrl().substring("jdbc:postgresql://".length());

    assertOpensAWorkingStore(libpq);
  }

  @Test
  void jdbcUrlWithUserParametersOpensAMigratedStartedStore() throws Exception {
    PostgresEndpoint endpoint = TestServices.postgres();
    String jdbc =
        endpoint.jdbcUrl()
            + (endpoint.jdbcUrl().contains("?") ? "&" : "?")
            + "user="
            + URLEncoder.encode(endpoint.user(), StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(endpoint.password(), StandardCharsets.UTF_8);

    assertOpensAWorkingStore(jdbc);
  }

  private static void assertOpensAWorkingStore(String url) throws Exception {
    try (TaskStore store = StoreFactory.fromServiceLoader().open(url)) {
      assertThat(store).isInstanceOf(PostgresTaskStore.class);
      TaskMessage message = aMessage("factory.check");
      store.recordSubmitted(message).get(30, TimeUnit.SECONDS);
      assertThat(store.find(message.id()))
          .hasValueSatisfying(task -> assertThat(task.state()).isEqualTo(TaskState.PENDING));
    }
  }
}
