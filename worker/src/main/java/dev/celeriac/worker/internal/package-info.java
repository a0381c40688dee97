/** Implementation details of the worker; not for use outside Celeriac. */
@NullMarked
package dev.celeriac.worker.internal;

import org.jspecify.annotations.NullMarked;
