package dev.celeriac.api.spi;

import java.time.Duration;
import java.util.List;

/**
 * A subscription to one or more queues. Not thread-safe: one thread polls. Deliveries it returns
 * may be settled from any thread.
 */
public interface BrokerConsumer extends AutoCloseable {

  /**
   * Returns up to {@code maxMessages} deliveries, waiting at most {@code timeout} for the first
   * one; an empty list when none arrived in time. Never returns more than asked for, which is how
   * the worker applies back-pressure: it asks only for as many as it has room to run.
   *
   * @throws BrokerException if the broker cannot be reached
   */
  List<Delivery> poll(int maxMessages, Duration timeout);

  /**
   * Stops consuming and releases every delivery not yet settled, so another consumer receives it.
   * Idempotent.
   */
  @Override
  void close();
}
