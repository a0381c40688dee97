/**
 * The Celeriac web console: a REST API under {@code /api/v1}, a live web UI, Server-Sent Events,
 * Prometheus metrics and token auth, in one Javalin server. Start it with {@link
 * dev.celeriac.console.WebConsole#builder()}.
 */
@NullMarked
package dev.celeriac.console;

import org.jspecify.annotations.NullMarked;
