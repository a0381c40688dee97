package dev.celeriac.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The service-loaded factories name what is missing when no module understands a URL. */
class ServiceFactoriesTest {

  @Test
  void brokerUrlNoModuleUnderstandsFailsNamingItsSchemeAndTheModulesToAdd() {
    assertThatThrownBy(() -> BrokerFactory.fromServiceLoader().connect("nats://h:4222"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nats'")
        .hasMessageContaining("celeriac-broker-kafka or celeriac-broker-amqp");
  }

  @Test
  void storeUrlNoModuleUnderstandsFailsNamingItsSchemeAndTheModuleToAdd() {
    assertThatThrownBy(() -> StoreFactory.fromServiceLoader().open("mysql://h/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'mysql'")
        .hasMessageContaining("celeriac-store-postgres");
  }

  @Test
  void schemeOfAUrlWithoutOneHidesItsCredentials() {
    assertThat(ServiceUrls.schemeOf("postgresql://u:p@h/db")).isEqualTo("postgresql");
    assertThat(ServiceUrls.schemeOf("//admin:secret@h/db")).isEqualTo("//***@h/db");
  }
}
