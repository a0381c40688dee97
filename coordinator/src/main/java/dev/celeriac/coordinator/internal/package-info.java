/** The coordinator's internals: election, loops, cron computation, dispatch. Not a public API. */
@NullMarked
package dev.celeriac.coordinator.internal;

import org.jspecify.annotations.NullMarked;
