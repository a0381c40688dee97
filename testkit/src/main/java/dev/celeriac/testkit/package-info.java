/**
 * {@link dev.celeriac.testkit.CeleriacTestKit}: unit-test your tasks with the real client and
 * worker core on the in-memory broker and store of {@code dev.celeriac.testing}, driven by a manual
 * clock and a synchronous {@code drain()}.
 */
@NullMarked
package dev.celeriac.testkit;

import org.jspecify.annotations.NullMarked;
