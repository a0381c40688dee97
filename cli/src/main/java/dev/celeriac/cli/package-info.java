/**
 * The {@code celeriac} command: {@link dev.celeriac.cli.Main} and its exit codes. The subcommands
 * live in {@code dev.celeriac.cli.internal}.
 */
@NullMarked
package dev.celeriac.cli;

import org.jspecify.annotations.NullMarked;
