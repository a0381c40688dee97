/**
 * Celeriac's public API: the {@link dev.celeriac.api.Task @Task} annotation, the client ({@link
 * dev.celeriac.api.TaskClient}, {@link dev.celeriac.api.TaskHandle}), the task model (message
 * envelope, states, retry policy) and its JSON codec. It knows no broker, store or framework.
 */
@NullMarked
package dev.celeriac.api;

import org.jspecify.annotations.NullMarked;
