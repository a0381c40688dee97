/**
 * JUnit support for integration tests: {@link dev.celeriac.embedded.junit.TestServices} finds each
 * service once per test JVM, in this order: explicit environment variables, a server on the default
 * local port, Testcontainers when a Docker engine is present, the embedded server. Under {@code
 * CI=true} a missing service fails the test instead of skipping it. {@link
 * dev.celeriac.embedded.junit.IntegrationTest} marks a test class and, through {@link
 * dev.celeriac.embedded.junit.ServicesExtension}, injects endpoint parameters.
 *
 * <p>JUnit is an optional dependency of this module: only this package needs it.
 */
@NullMarked
package dev.celeriac.embedded.junit;

import org.jspecify.annotations.NullMarked;
