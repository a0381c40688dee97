package dev.celeriac.faults;

import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.BrokerFactory;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The broker of one ledger run, with the faults that can be done to it without disturbing other
 * users of this machine: its connections dropped, its network paused (both through a {@link
 * TcpProxy} the worker and coordinator processes connect through) and a restart.
 */
interface BrokerRig extends AutoCloseable {

  /** The URL worker and coordinator processes connect to (through the proxy). */
  String processUrl();

  /** A broker for the test's own client, closed by the caller. */
  default Broker newClientBroker() {
    return BrokerFactory.fromServiceLoader().connect(clientUrl());
  }

  /** The URL of the test's own client. */
  String clientUrl();

  /** The proxy between the processes and the broker. */
  TcpProxy proxy();

  /**
   * Restarts the broker, or what a restart looks like to its clients where the server is shared and
   * may not be restarted; returns a word on what was done, for the fault log.
   */
  String restart(Duration downFor) throws InterruptedException;

  /**
   * How many messages of {@code queue} the broker dead-lettered into a place of its own (RabbitMQ's
   * {@code <queue>.dead}); empty where it has none (Kafka archives rejected records).
   */
  OptionalLong deadLettered(String queue);

  /** Removes what the run created on the broker and stops what it started. */
  @Override
  void close();
}
