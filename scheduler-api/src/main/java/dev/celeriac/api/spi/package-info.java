/**
 * The service-provider interfaces that brokers and stores implement: {@link
 * dev.celeriac.api.spi.Broker}, {@link dev.celeriac.api.spi.TaskStore}, {@link
 * dev.celeriac.api.spi.ScheduleStore} and {@link dev.celeriac.api.spi.MaintenanceStore}.
 *
 * <p>Stability: these interfaces may still change between minor versions. Every implementation must
 * pass the contract suites in the {@code celeriac-api} test-jar ({@code BrokerContractTest}, {@code
 * TaskStoreContractTest}, {@code ScheduleStoreContractTest}).
 */
@NullMarked
package dev.celeriac.api.spi;

import org.jspecify.annotations.NullMarked;
