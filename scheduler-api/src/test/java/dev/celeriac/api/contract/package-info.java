/**
 * The contract suites (TCKs) every SPI implementation runs: {@link
 * dev.celeriac.api.contract.BrokerContractTest} for brokers and {@link
 * dev.celeriac.api.contract.TaskStoreContractTest} for task stores, {@link
 * dev.celeriac.api.contract.ScheduleStoreContractTest} for schedule stores. Shipped in the {@code
 * celeriac-api} test-jar; an implementation's test extends the suite and supplies a fresh instance.
 */
@NullMarked
package dev.celeriac.api.contract;

import org.jspecify.annotations.NullMarked;
