/** The console's routes, JSON views, auth check and live feed; not for users. */
@NullMarked
package dev.celeriac.console.internal;

import org.jspecify.annotations.NullMarked;
