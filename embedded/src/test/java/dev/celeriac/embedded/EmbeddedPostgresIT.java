package dev.celeriac.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.embedded.junit.IntegrationTest;
import dev.celeriac.embedded.junit.TestServices;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

@IntegrationTest
class EmbeddedPostgresIT {
  @Test
  void embeddedServerStartsOnAFreePortBesideTheDefaultOneAndAnswers() throws SQLException {
    try (var postgres = new EmbeddedPostgres(null)) {
      PostgresEndpoint endpoint = postgres.start();
      assertThat(endpoint.jdbcUrl()).doesNotContain(":5432/");
      assertThat(queryString(endpoint, "select 1")).isEqualTo("1");
    }
  }

  @Test
  void testServicesGiveThisJvmOneFreshEmptyDatabase(PostgresEndpoint database) throws SQLException {
    assertThat(queryString(database, "select current_database()")).startsWith("celeriac_it_");
    assertThat(
            queryString(
                database,
                "select count(*) from information_schema.tables where table_schema = 'public'"))
        .isEqualTo("0");
    assertThat(TestServices.postgres()).isEqualTo(database);
  }

  private static String queryString(PostgresEndpoint endpoint, String sql) throws SQLException {
    try (var connection = endpoint.connect();
        var statement = connection.createStatement();
        var result = statement.executeQuery(sql)) {
      assertThat(result.next()).isTrue();
      return result.getString(1);
    }
  }
}
