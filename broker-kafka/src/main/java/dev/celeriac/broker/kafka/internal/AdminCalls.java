package dev.celeriac.broker.kafka.internal;

import dev.celeriac.api.spi.BrokerException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaFuture;

/** Waits for an Admin client call within a bound, turning every failure into a BrokerException. */
final class AdminCalls {
  private AdminCalls() {}

  /**
   * The result of {@code future}, waited for at most {@code timeout}; {@code what} completes the
   * error message ("Kafka refused to " + what).
   */
  static <T> T await(String what, KafkaFuture<T> future, Duration timeout) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new BrokerException(
          "Kafka refused to " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new BrokerException("Kafka did not answer within " + timeout + " to " + what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerException("interrupted while trying to " + what, e);
    }
  }
}
