/**
 * Celeriac's test kit: an in-memory {@link dev.celeriac.testing.InMemoryBroker broker} and {@link
 * dev.celeriac.testing.InMemoryTaskStore store} with the same semantics as the real ones, and a
 * {@link dev.celeriac.testing.ManualClock manual clock}, so tasks and the code that submits them
 * can be tested without any server and without waiting for real time.
 */
@NullMarked
package dev.celeriac.testing;

import org.jspecify.annotations.NullMarked;
