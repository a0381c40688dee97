/** Implementation details of the API module; not for use outside Celeriac. */
@NullMarked
package dev.celeriac.api.internal;

import org.jspecify.annotations.NullMarked;
