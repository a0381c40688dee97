package dev.celeriac.embedded.junit;

import static java.util.Objects.requireNonNull;

import dev.celeriac.embedded.KafkaEndpoint;
import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.RabbitMqEndpoint;
import dev.celeriac.embedded.ZooKeeperEndpoint;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the shared test services into test constructors, test methods and lifecycle methods by
 * parameter type: {@link PostgresEndpoint}, {@link KafkaEndpoint}, {@link ZooKeeperEndpoint} and
 * {@link RabbitMqEndpoint}, each from {@link TestServices}. A service is found (and perhaps
 * started) only when a parameter asks for it.
 *
 * <pre>{@code
 * @IntegrationTest
 * class KafkaBrokerIT {
 *   @Test void publishes(KafkaEndpoint kafka) { ... }
 * }
 * }</pre>
 */
public final class ServicesExtension implements ParameterResolver {
  private final Map<Class<?>, Supplier<?>> services;

  /** The extension JUnit creates: services from {@link TestServices}. */
  public ServicesExtension() {
    this(
        Map.of(
            PostgresEndpoint.class, TestServices::postgres,
            KafkaEndpoint.class, TestServices::kafka,
            ZooKeeperEndpoint.class, TestServices::zookeeper,
            RabbitMqEndpoint.class, TestServices::rabbitmq));
  }

  ServicesExtension(Map<Class<?>, Supplier<?>> services) {
    this.services = Map.copyOf(requireNonNull(services, "services"));
  }

  /** Whether the parameter is one of the four endpoint types. */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return services.containsKey(parameter.getParameter().getType());
  }

  /**
   * The shared endpoint for the parameter's type.
   *
   * @throws TestServiceUnavailableException or {@code TestAbortedException} as {@link
   *     TestServices#rabbitmq()} explains
   */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return services.get(parameter.getParameter().getType()).get();
  }
}
