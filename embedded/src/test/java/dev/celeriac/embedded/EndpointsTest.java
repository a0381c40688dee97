package dev.celeriac.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointsTest {
  @Test
  void rabbitMqEndpointAcceptsAmqpAndAmqpsUris() {
    assertThat(RabbitMqEndpoint.parse("amqp://guest:guest@127.0.0.1:5672/%2f").uri().getPort())
        .isEqualTo(5672);
    assertThat(RabbitMqEndpoint.parse("amqps://rabbit.example:5671").uri().getHost())
        .isEqualTo("rabbit.example");
  }

  @Test
  void rabbitMqEndpointRejectsOtherSchemes() {
    assertThatThrownBy(() -> RabbitMqEndpoint.parse("http://127.0.0.1:5672"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must start with amqp:// or amqps://");
  }

  @Test
  void rabbitMqEndpointRejectsUnparsableText() {
    assertThatThrownBy(() -> RabbitMqEndpoint.parse("amqp://bad host"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid RabbitMQ URI");
  }

  @Test
  void kafkaEndpointRejectsABlankBootstrapList() {
    assertThatThrownBy(() -> new KafkaEndpoint(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bootstrapServers");
  }

  @Test
  void kafkaEndpointGivesAClientConfigWithItsBootstrapServers() {
    assertThat(new KafkaEndpoint("a:1,b:2").clientConfig())
        .containsExactlyEntriesOf(java.util.Map.of("bootstrap.servers", "a:1,b:2"));
  }

  @Test
  void zooKeeperEndpointRejectsABlankConnectString() {
    assertThatThrownBy(() -> new ZooKeeperEndpoint(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectString");
  }

  @Test
  void postgresEndpointSwapsTheDatabaseAndKeepsTheQuery() {
    var server = new PostgresEndpoint("jdbc:postgresql://db:5432/postgres?ssl=false", "u", "p");
    assertThat(server.withDatabase("celeriac_it_1"))
        .isEqualTo(
            new PostgresEndpoint("jdbc:postgresql://db:5432/celeriac_it_1?ssl=false", "u", "p"));
  }

  @Test
  void endpointsDoNotShowPasswordsWhenLogged() {
    assertThat(RabbitMqEndpoint.parse("amqp://guest:secret@127.0.0.1:5672/%2f").toString())
        .isEqualTo("RabbitMqEndpoint[amqp://guest:***@127.0.0.1:5672/%2f]");
    assertThat(new PostgresEndpoint("jdbc:postgresql://db/app", "app", "secret").toString())
        .isEqualTo("PostgresEndpoint[jdbc:postgresql://db/app, user=app, password=***]");
  }
}
