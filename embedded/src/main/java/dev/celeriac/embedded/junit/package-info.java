/**
 * Finds the services integration tests need, in this order: explicit environment variables, a
 * server on the default local port, Testcontainers when a Docker engine is present, the embedded
 * server. Under {@code CI=true} a missing service fails the test instead of skipping it.
 */
@NullMarked
package dev.celeriac.embedded.junit;

import org.jspecify.annotations.NullMarked;
