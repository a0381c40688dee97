package dev.celeriac.broker.amqp.internal;

import dev.celeriac.broker.amqp.AmqpBrokerConfig;
import java.util.Map;
import java.util.TreeMap;

/** The {@code x-} arguments of the queues Celeriac declares, and how they are described. */
public final class QueueArguments {
  /** The highest priority {@link dev.celeriac.api.spi.OutboundMessage} allows. */
  public static final int MAX_PRIORITY = 9;

  private QueueArguments() {}

  /** The name of the exchange dead letters are routed through. */
  public static String deadLetterExchange(AmqpBrokerConfig config) {
    return config.exchange() + ".dead";
  }

  /** The queue that keeps the dead letters of {@code queue}. */
  public static String deadLetterQueue(String queue) {
    return queue + ".dead";
  }

  /**
   * The arguments of a work queue: quorum with a delivery limit, or classic with priorities, and in
   * both cases dead-lettering to {@link #deadLetterQueue} through {@link #deadLetterExchange}.
   */
  public static Map<String, Object> workQueue(AmqpBrokerConfig config, String queue) {
    Map<String, Object> arguments = new TreeMap<>();
    if (config.isPriorityQueue(queue)) {
      arguments.put("x-queue-type", "classic");
      arguments.put("x-max-priority", MAX_PRIORITY);
    } else {
      arguments.put("x-queue-type", "quorum");
      arguments.put("x-delivery-limit", config.deliveryLimit());
    }
    arguments.put("x-dead-letter-exchange", deadLetterExchange(config));
    arguments.put("x-dead-letter-routing-key", queue);
    return arguments;
  }

  /** The arguments of a dead-letter queue: a plain quorum queue, so dead letters are replicated. */
  public static Map<String, Object> deadLetterQueue() {
    return Map.of("x-queue-type", "quorum");
  }

  /** {@code arguments} as {@code k=v, k=v} in key order, for error messages. */
  public static String describe(Map<String, Object> arguments) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(arguments)
        .forEach(
            (key, value) ->
                text.append(text.isEmpty() ? "" : ", ").append(key).append('=').append(value));
    return text.toString();
  }
}
