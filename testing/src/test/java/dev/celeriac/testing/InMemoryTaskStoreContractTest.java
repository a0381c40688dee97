package dev.celeriac.testing;

import dev.celeriac.api.contract.TaskStoreContractTest;
import dev.celeriac.api.spi.TaskStore;
import java.time.InstantSource;

/** The in-memory store keeps the task store contract: the test kit's acceptance. */
class InMemoryTaskStoreContractTest extends TaskStoreContractTest {

  @Override
  protected TaskStore newStore(InstantSource clock) {
    return new InMemoryTaskStore(clock);
  }
}
