package dev.celeriac.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RabbitMQ for the benchmark: the server at {@code --rabbitmq}. Celeriac declares its own queues;
 * {@link #close()} deletes them and their dead-letter queues. The raw limit uses a quorum queue of
 * its own, as Celeriac's queues are.
 */
final class RabbitMqUnderBench implements BrokerUnderBench {
  private static final Logger log = LoggerFactory.getLogger(RabbitMqUnderBench.class);

  /** Unconfirmed publishes at most, and unacknowledged deliveries at most (Celeriac's prefetch). */
  private static final int WINDOW = 1_000;

  private final String uri;
  private final Connection admin;
  private final Set<String> queues = ConcurrentHashMap.newKeySet();

  private RabbitMqUnderBench(String uri, Connection admin) {
    this.uri = uri;
    this.admin = admin;
  }

  /** Connects to the server at {@code uri}. */
  static RabbitMqUnderBench open(String uri) throws Exception {
    return new RabbitMqUnderBench(uri, factory(uri).newConnection("celeriac-bench-admin"));
  }

  private static ConnectionFactory factory(String uri) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(URI.create(uri));
    return factory;
  }

  @Override
  public String label() {
    return "RabbitMQ";
  }

  @Override
  public String processUrl() {
    return uri;
  }

  /** The {@code version} of the server properties the server sent when the connection opened. */
  @Override
  public String version() {
    Object version = admin.getServerProperties().get("version");
    return version == null ? "unknown" : version.toString();
  }

  @Override
  public String newQueue(String prefix, boolean wide) {
    String queue = "bench-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    queues.add(queue);
    return queue;
  }

  /**
   * A publisher with confirms (at most {@value #WINDOW} unconfirmed) and a consumer with manual
   * acks and a prefetch of {@value #WINDOW}, each on its own connection, on a fresh quorum queue;
   * persistent messages.
   */
  @Override
  public RawRate rawRoundTrip(int count, int bodyBytes) throws Exception {
    String queue = newQueue("raw", false);
    try (Connection consumerConnection = factory(uri).newConnection("celeriac-bench-raw-consumer");
        Connection publisherConnection =
            factory(uri).newConnection("celeriac-bench-raw-publisher")) {
      Channel consumer = consumerConnection.createChannel();
      consumer.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
      consumer.basicQos(WINDOW);
      CountDownLatch done = new CountDownLatch(1);
      AtomicInteger acknowledged = new AtomicInteger();
      consumer.basicConsume(
          queue,
          false,
          new DefaultConsumer(consumer) {
            @Override
            public void handleDelivery(
                String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                throws IOException {
              getChannel().basicAck(envelope.getDeliveryTag(), false);
              if (acknowledged.incrementAndGet() == count) {
                done.countDown();
              }
            }
          });
      Channel publisher = publisherConnection.createChannel();
      publisher.confirmSelect();
      byte[] body = new byte[bodyBytes];
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        publisher.basicPublish("", queue, MessageProperties.PERSISTENT_BASIC, body);
        if ((i + 1) % WINDOW == 0) {
          publisher.waitForConfirmsOrDie(RAW_TIMEOUT.toMillis());
        }
      }
      publisher.waitForConfirmsOrDie(RAW_TIMEOUT.toMillis());
      long published = System.nanoTime();
      boolean finished = done.await(RAW_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      long end = System.nanoTime();
      if (!finished) {
        throw new IllegalStateException(
            "raw RabbitMQ: " + acknowledged.get() + " of " + count + " acknowledged in time");
      }
      return new RawRate(
          KafkaUnderBench.perSecond(count, published - start),
          KafkaUnderBench.perSecond(count, end - start));
    }
  }

  @Override
  public void close() {
    for (String queue : queues) {
      for (String name : new String[] {queue, queue + ".dead"}) {
        try (Channel channel = admin.createChannel()) {
          channel.queueDelete(name);
        } catch (Exception e) {
          log.warn("Could not delete benchmark queue {}: {}", name, e.toString());
        }
      }
    }
    try {
      admin.close();
    } catch (IOException e) {
      log.warn("Closing the benchmark's RabbitMQ connection failed: {}", e.toString());
    }
  }
}
