package dev.celeriac.broker.amqp.internal;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import dev.celeriac.api.spi.BrokerException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One auto-recovering connection, opened on first use. A failed first attempt is reported and
 * retried on the next use; once open, amqp-client recovers it (and its channels, consumers and
 * declarations) by itself. Thread-safe.
 */
public final class LazyConnection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LazyConnection.class);

  private final ConnectionFactory factory;
  private final String name;
  private final String target;
  private final Runnable onRecovery;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile @Nullable Connection connection;
  private boolean closed;

  /**
   * A connection named {@code name} to {@code target} (a redacted URI, for messages). {@code
   * onRecovery} runs on amqp-client's recovery thread after each recovery; it must not block.
   */
  public LazyConnection(
      ConnectionFactory factory, String name, String target, Runnable onRecovery) {
    this.factory = factory;
    this.name = name;
    this.target = target;
    this.onRecovery = onRecovery;
  }

  /**
   * The connection, opened now if it is not yet. Opening blocks for at most the factory's connect
   * and handshake timeouts.
   *
   * @throws BrokerException if the broker cannot be reached or refused the login
   * @throws IllegalStateException after {@link #close()}
   */
  public Connection get() {
    Connection open = connection;
    if (open != null) {
      return open;
    }
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the RabbitMQ broker is closed");
      }
      if (connection == null) {
        connection = open();
      }
      return connection;
    } finally {
      lock.unlock();
    }
  }

  /** True while the connection is open; false before the first use and while it recovers. */
  public boolean isOpen() {
    Connection open = connection;
    return open != null && open.isOpen();
  }

  private Connection open() {
    try {
      Connection opened = factory.newConnection(name);
      ((Recoverable) opened).addRecoveryListener(new LogAndNotify());
      LOG.debug("Connected {} to RabbitMQ at {}", name, target);
      return opened;
    } catch (IOException | TimeoutException e) {
      throw new BrokerException(
          "cannot connect to RabbitMQ at " + target + ": " + AmqpErrors.describe(e), e);
    }
  }

  /** Closes the connection, if it was opened, waiting at most the factory's shutdown timeout. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      Connection open = connection;
      connection = null;
      if (open != null) {
        // abort: closes even while the connection recovers, and never throws.
        open.abort(factory.getShutdownTimeout());
      }
    } finally {
      lock.unlock();
    }
  }

  private final class LogAndNotify implements RecoveryListener {
    @Override
    public void handleRecoveryStarted(Recoverable recoverable) {
      LOG.warn("Lost connection {} to RabbitMQ at {}; recovering", name, target);
    }

    @Override
    public void handleRecovery(Recoverable recoverable) {
      LOG.info("Recovered connection {} to RabbitMQ at {}", name, target);
      onRecovery.run();
    }
  }
}
