/**
 * The worker runtime. Its core is the {@link dev.celeriac.worker.TaskRegistry} of runnable tasks
 * and the {@link dev.celeriac.worker.AttemptProcessor} that runs one delivery from decoding to
 * settlement; around it, the {@link dev.celeriac.worker.Worker} polls the broker within a
 * concurrency limit per queue, runs deliveries on virtual threads, dispatches due retries, drains
 * gracefully, beats and counts ({@link dev.celeriac.worker.WorkerStats}, Micrometer); {@link
 * dev.celeriac.worker.WorkerMain} runs one as a process. Brokers and stores come in only through
 * the SPIs of {@code dev.celeriac.api.spi}.
 */
@NullMarked
package dev.celeriac.worker;

import org.jspecify.annotations.NullMarked;
