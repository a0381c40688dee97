/** Implementation details of the test kit; not for use outside Celeriac. */
@NullMarked
package dev.celeriac.testing.internal;

import org.jspecify.annotations.NullMarked;
