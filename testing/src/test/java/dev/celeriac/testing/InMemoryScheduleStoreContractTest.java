package dev.celeriac.testing;

import dev.celeriac.api.contract.ScheduleStoreContractTest;
import dev.celeriac.api.spi.ScheduleStore;

/** The in-memory schedule store keeps the schedule store contract (issue 5). */
class InMemoryScheduleStoreContractTest extends ScheduleStoreContractTest {

  @Override
  protected ScheduleStore newStore() {
    return new InMemoryScheduleStore();
  }
}
