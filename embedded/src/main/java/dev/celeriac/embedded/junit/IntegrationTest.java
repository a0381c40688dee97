package dev.celeriac.embedded.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs against real services: tagged {@code integration}, each test limited
 * to 2 minutes (generous, for a loaded machine and a cold embedded server), and endpoint parameters
 * injected by {@link ServicesExtension}. Name such classes {@code *IT} so Failsafe runs them.
 */
@Documented
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@ExtendWith(ServicesExtension.class)
public @interface IntegrationTest {}
