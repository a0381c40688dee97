/**
 * How {@code TestServices} finds each service: the ordered sources, the probes of default local
 * ports, the Testcontainers step and the embedded fallback. Each step is injectable, so the order
 * itself is unit-tested without servers.
 */
@NullMarked
package dev.celeriac.embedded.junit.internal;

import org.jspecify.annotations.NullMarked;
