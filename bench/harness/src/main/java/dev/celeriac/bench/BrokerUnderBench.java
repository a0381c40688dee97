package dev.celeriac.bench;

import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.BrokerFactory;
import java.time.Duration;

/**
 * One broker the benchmark runs on: queue names, Celeriac broker connections made from the same URL
 * a worker process gets, and the raw limit measured with the broker's own client. {@link #close()}
 * closes the connections and removes the queues it named.
 */
interface BrokerUnderBench extends AutoCloseable {

  /** How long the raw limit may take before it counts as failed. */
  Duration RAW_TIMEOUT = Duration.ofMinutes(3);

  /** The broker's name in the report. */
  String label();

  /** The URL a worker process is given with {@code --broker}. */
  String processUrl();

  /** The broker server's version, as the broker reports it. */
  String version();

  /**
   * A queue no one else uses. {@code wide} asks for room for very many unsettled messages (Kafka:
   * more partitions, since each partition bounds the records locked at once).
   */
  String newQueue(String prefix, boolean wide);

  /** A new Celeriac broker connection from {@link #processUrl()}; the caller closes it. */
  default Broker newBroker() {
    return BrokerFactory.fromServiceLoader().connect(processUrl());
  }

  /**
   * Publishes {@code count} messages of {@code bodyBytes} each with confirmation and consumes them
   * with acknowledgement through the broker's own client, publisher and consumer running at once.
   */
  RawRate rawRoundTrip(int count, int bodyBytes) throws Exception;

  /**
   * What the raw round trip measured.
   *
   * @param publishPerSecond messages confirmed per second, first publish to last confirm
   * @param roundTripPerSecond messages acknowledged by the consumer per second, first publish to
   *     last acknowledgement
   */
  record RawRate(double publishPerSecond, double roundTripPerSecond) {}

  @Override
  void close();
}
