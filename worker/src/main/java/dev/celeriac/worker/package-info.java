/**
 * The worker runtime: the {@link dev.celeriac.worker.TaskRegistry} of runnable tasks and the {@link
 * dev.celeriac.worker.AttemptProcessor} that runs one delivery from decoding to settlement. Brokers
 * and stores come in only through the SPIs of {@code dev.celeriac.api.spi}.
 */
@NullMarked
package dev.celeriac.worker;

import org.jspecify.annotations.NullMarked;
