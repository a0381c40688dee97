/**
 * Internals of the PostgreSQL store: the batching writer and its SQL, result waiting, reads. Not an
 * API; may change at any time.
 */
@NullMarked
package dev.celeriac.store.postgres.internal;

import org.jspecify.annotations.NullMarked;
