package dev.celeriac.store.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class BatchingWriterTest {

  @Test
  void connectionFailuresAreToldApartFromRefusedContent() {
    assertThat(BatchingWriter.isConnectionProblem(new SQLException("gone", "08006"))).isTrue();
    assertThat(BatchingWriter.isConnectionProblem(new SQLException("shutdown", "57P01"))).isTrue();
    assertThat(BatchingWriter.isConnectionProblem(new SQLTransientConnectionException("pool")))
        .isTrue();
    assertThat(
            BatchingWriter.isConnectionProblem(
                new IllegalStateException(new SQLException("wrapped", "08001"))))
        .isTrue();
    assertThat(BatchingWriter.isConnectionProblem(new SQLException("bad text", "22021"))).isFalse();
    assertThat(BatchingWriter.isConnectionProblem(new IllegalStateException("bug"))).isFalse();
  }
}
