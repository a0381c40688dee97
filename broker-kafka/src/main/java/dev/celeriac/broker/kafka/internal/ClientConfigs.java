package dev.celeriac.broker.kafka.internal;

import dev.celeriac.broker.kafka.KafkaBrokerConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka client configurations the broker uses. The user's client properties come first and the
 * settings Celeriac's guarantees rest on are applied over them.
 */
public final class ClientConfigs {
  private static final long DEFAULT_MAX_POLL_INTERVAL_MS = 300_000;
  private static final long DEFAULT_CONNECTIONS_MAX_IDLE_MS = 540_000;

  private ClientConfigs() {}

  /**
   * An idempotent producer with {@code acks=all}, the configured linger, and every wait bounded by
   * the publish timeout: {@code max.block.ms} for metadata and buffer space, {@code
   * delivery.timeout.ms} for the acknowledgement (which Kafka requires to cover linger and one
   * request timeout). A request times out after a third of the bound, so a request lost to a
   * stalled connection is retried within the same publish instead of failing it.
   *
   * <p>One request in flight per connection: with several, the first batch for a partition that is
   * not ready yet (a topic created a moment earlier answers {@code NOT_LEADER_OR_FOLLOWER}) can
   * fail while a later batch for it succeeds; the broker then takes the later batch's sequence as
   * the producer's start and refuses the retried first one as out of order, again and again, until
   * the delivery timeout expires it ("Expiring N record(s)") and its publishes fail. Seen with the
   * broker logging {@code OutOfOrderSequenceException: ... 0 (incoming seq. number)} for every
   * partition of a new 8-partition topic.
   */
  public static Map<String, Object> producer(KafkaBrokerConfig config) {
    Map<String, Object> p = base(config);
    long bound = config.publishTimeout().toMillis();
    long linger = config.linger().toMillis();
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    p.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, bound);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) bound);
    p.put(
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        (int) Math.max(1, Math.min(30_000, (bound - linger) / 3)));
    return p;
  }

  /** An admin client whose calls give up after the publish timeout. */
  public static Map<String, Object> admin(KafkaBrokerConfig config) {
    Map<String, Object> p = base(config);
    int bound = (int) config.publishTimeout().toMillis();
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, bound);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, bound));
    return p;
  }

  /**
   * A share consumer in {@code group} with explicit acknowledgement that acquires at most {@code
   * recordsPerFetch} records at a time ({@code share.acquire.mode=record_limit} makes that limit
   * strict), and that stays in the group without polling for at least twice the group's lock.
   */
  public static Map<String, Object> shareConsumer(
      KafkaBrokerConfig config, String group, int recordsPerFetch, long lockMs) {
    Map<String, Object> p = base(config);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit");
    p.put(ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG, "record_limit");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, recordsPerFetch);
    // A share consumer holding a batch in flight does not poll until the batch is settled; the
    // acquisition lock, not the poll interval, must decide when its records go to someone else.
    long pollInterval = Math.max(DEFAULT_MAX_POLL_INTERVAL_MS, 2 * lockMs);
    p.put(
        ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
        (int) Math.min(Integer.MAX_VALUE, pollInterval));
    if (pollInterval > DEFAULT_CONNECTIONS_MAX_IDLE_MS) {
      p.put(ConsumerConfig.CONNECTIONS_MAX_IDLE_MS_CONFIG, pollInterval);
    }
    return p;
  }

  /** The poll timeout of a share consumer: short, so settlements and close are seen promptly. */
  public static Duration sharePollTimeout() {
    return Duration.ofMillis(200);
  }

  private static Map<String, Object> base(KafkaBrokerConfig config) {
    Map<String, Object> p = new HashMap<>(config.clientProperties());
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    return p;
  }
}
