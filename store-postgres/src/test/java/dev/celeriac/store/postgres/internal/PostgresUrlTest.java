package dev.celeriac.store.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresUrlTest {

  @Test
  void libpqUrlBecomesAJdbcUrlWithItsUserAndPasswordApart() {
    PostgresUrl url = PostgresUrl.parse("postgresql://celeriac:s3cret@db.example.com:5433/tasks");

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5433/tasks");
    assertThat(url.user()).isEqualTo("celeriac");
    assertThat(url.password()).isEqualTo("s3cret");
  }

  @Test
  void percentEncodedUserInformationIsDecodedAndAPlusStaysAPlus() {
    PostgresUrl url = PostgresUrl.parse("postgres://ada%40corp:p%3Aw+d%2F@127.0.0.1/celeriac");

    assertThat(url.user()).isEqualTo("ada@corp");
    assertThat(url.password()).isEqualTo("p:w+d/");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1/celeriac");
  }

  @Test
  void parametersAndSeveralHostsAreKept() {
    PostgresUrl url =
        PostgresUrl.parse("postgresql://app@h1:5432,h2:5432/celeriac?sslmode=require");

    assertThat(url.jdbcUrl())
        .isEqualTo("jdbc:postgresql://h1:5432,h2:5432/celeriac?sslmode=require");
    assertThat(url.user()).isEqualTo("app");
    assertThat(url.password()).isNull();
  }

  @Test
  void urlWithoutUserInformationHasNoUserOrPassword() {
    PostgresUrl url = PostgresUrl.parse("postgresql://127.0.0.1:5432/celeriac");

    assertThat(url.user()).isNull();
    assertThat(url.password()).isNull();
  }

  @Test
  void jdbcUrlIsKeptAsItIs() {
    String jdbc = "jdbc:postgresql://127.0.0.1:5432/celeriac?user=app&password=x";

    assertThat(PostgresUrl.parse(jdbc)).isEqualTo(new PostgresUrl(jdbc, null, null));
  }

  @Test
  void recognisesOnlyPostgresSchemes() {
    assertThat(PostgresUrl.isPostgresUrl("postgresql://h/db")).isTrue();
    assertThat(PostgresUrl.isPostgresUrl("POSTGRES://h/db")).isTrue();
    assertThat(PostgresUrl.isPostgresUrl("jdbc:postgresql://h/db")).isTrue();
    assertThat(PostgresUrl.isPostgresUrl("jdbc:mysql://h/db")).isFalse();
    assertThat(PostgresUrl.isPostgresUrl("amqp://h")).isFalse();
  }

  @Test
  void urlOfAnotherSchemeIsRefusedNamingTheScheme() {
    assertThatThrownBy(() -> PostgresUrl.parse("mysql://h/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("postgresql://")
        .hasMessageContaining("'mysql:...'");
  }

  @Test
  void urlWithoutAHostIsRefused() {
    assertThatThrownBy(() -> PostgresUrl.parse("postgresql://app:pw@/celeriac"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a host");
  }

  @Test
  void passwordNeverShowsInToString() {
    assertThat(PostgresUrl.parse("postgresql://app:hunter2@h/db").toString())
        .doesNotContain("hunter2")
        .contains("password=***");
  }
}
