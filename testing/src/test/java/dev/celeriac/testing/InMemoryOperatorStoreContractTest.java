package dev.celeriac.testing;

import dev.celeriac.api.contract.OperatorStoreContractTest;
import dev.celeriac.api.spi.TaskStore;
import java.time.InstantSource;

/** The in-memory store keeps the console's dead-letter and statistics contract. */
class InMemoryOperatorStoreContractTest extends OperatorStoreContractTest {

  @Override
  protected TaskStore newStore(InstantSource clock) {
    return new InMemoryTaskStore(clock);
  }
}
