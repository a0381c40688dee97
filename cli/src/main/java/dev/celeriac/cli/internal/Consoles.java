package dev.celeriac.cli.internal;

import dev.celeriac.api.spi.Broker;
import dev.celeriac.console.ConsoleTokens;
import dev.celeriac.console.WebConsole;
import dev.celeriac.coordinator.ScheduleManager;
import dev.celeriac.coordinator.TaskCatalog;
import dev.celeriac.store.postgres.PostgresScheduleStore;
import dev.celeriac.store.postgres.PostgresTaskStore;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;

/** Builds the web console on the command's store and broker, with the schedule API. */
public final class Consoles {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Consoles() {}

  /** A console builder on {@code store} and {@code broker}, with schedules of {@code catalog}. */
  public static WebConsole.Builder on(PostgresTaskStore store, Broker broker, TaskCatalog catalog) {
    ScheduleManager schedules =
        ScheduleManager.create(
            PostgresScheduleStore.on(store.dataSource()),
            store,
            broker,
            catalog,
            InstantSource.system());
    return WebConsole.builder().store(store).broker(broker).schedules(schedules);
  }

  /** A fresh random admin token: 32 URL-safe characters. */
  public static String newAdminToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The tokens accepting {@code adminToken} as an admin. */
  public static ConsoleTokens adminOnly(String adminToken) {
    return ConsoleTokens.parse("admin:" + adminToken);
  }
}
