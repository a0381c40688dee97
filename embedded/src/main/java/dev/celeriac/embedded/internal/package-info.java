/** Internals of the embedded servers: ports, data directories, broker configuration. */
@NullMarked
package dev.celeriac.embedded.internal;

import org.jspecify.annotations.NullMarked;
