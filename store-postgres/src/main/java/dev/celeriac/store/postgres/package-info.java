/**
 * The PostgreSQL {@link dev.celeriac.api.spi.TaskStore}: {@link
 * dev.celeriac.store.postgres.PostgresTaskStore}, its schema migrations ({@link
 * dev.celeriac.store.postgres.PostgresSchema}) and its batching writer's counters ({@link
 * dev.celeriac.store.postgres.WriteStats}).
 */
@NullMarked
package dev.celeriac.store.postgres;

import org.jspecify.annotations.NullMarked;
