package dev.celeriac.coordinator;

import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.BrokerFactory;
import dev.celeriac.api.spi.ConsumerOptions;
import dev.celeriac.api.spi.OutboundMessage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A publish-only broker for coordinator processes under test: each publish is a committed row in
 * {@code test_published}, so the test sees what every process published, including one killed
 * afterwards. Consuming is not part of what the coordinator does, so it is refused.
 */
public final class TableBroker implements Broker {
  private final Connection connection;

  TableBroker(String jdbcUrl) {
    try {
      this.connection = DriverManager.getConnection(jdbcUrl);
    } catch (SQLException e) {
      throw new BrokerException("cannot reach the test database: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized CompletableFuture<Void> publish(OutboundMessage message) {
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO test_published (task_id, queue) VALUES (?, ?)")) {
      insert.setObject(1, message.id().value());
      insert.setString(2, message.queue());
      insert.executeUpdate();
      return CompletableFuture.completedFuture(null);
    } catch (SQLException e) {
      return CompletableFuture.failedFuture(new BrokerException("publish failed: " + e, e));
    }
  }

  @Override
  public BrokerConsumer subscribe(Set<String> queues, ConsumerOptions options) {
    throw new UnsupportedOperationException("the table broker only records publishes");
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new BrokerException("closing failed: " + e.getMessage(), e);
    }
  }

  /** Opens a {@link TableBroker} on the JDBC URL given as {@code --broker-url}. */
  public static final class Factory implements BrokerFactory {
    /** Needed by {@link CoordinatorMain}. */
    public Factory() {}

    @Override
    public Broker connect(String url) {
      return new TableBroker(url);
    }
  }
}
