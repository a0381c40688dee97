/** The subcommands of {@code celeriac}, configuration, service probes and error messages. */
@NullMarked
package dev.celeriac.cli.internal;

import org.jspecify.annotations.NullMarked;
