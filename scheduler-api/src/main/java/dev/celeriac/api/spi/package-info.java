/**
 * The service-provider interfaces that brokers and stores implement: {@link
 * dev.celeriac.api.spi.Broker} and {@link dev.celeriac.api.spi.TaskStore}.
 *
 * <p>Stability: these interfaces may still change between minor versions. Every implementation must
 * pass the contract suites in the {@code celeriac-api} test-jar ({@code BrokerContractTest}, {@code
 * TaskStoreContractTest}).
 */
@NullMarked
package dev.celeriac.api.spi;

import org.jspecify.annotations.NullMarked;
