package dev.celeriac.broker.kafka.internal;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/** Maps queue names to Kafka topic names and back: the topic is the prefix plus the queue name. */
public final class TopicNames {
  // Kafka's own rule for topic names (org.apache.kafka.common.internals.Topic).
  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");
  private static final int MAX_TOPIC_LENGTH = 249;

  private final String prefix;

  /** Names with {@code prefix}, which must itself consist of legal topic characters. */
  public TopicNames(String prefix) {
    this.prefix = requireNonNull(prefix, "prefix");
  }

  /**
   * The topic of {@code queue}.
   *
   * @throws IllegalArgumentException if the queue name makes no legal Kafka topic name
   */
  public String topicOf(String queue) {
    requireNonNull(queue, "queue");
    if (!LEGAL.matcher(queue).matches()) {
      throw new IllegalArgumentException(
          "queue name '"
              + queue
              + "' cannot name a Kafka topic: use only ASCII letters, digits, '.', '_' and '-'");
    }
    String topic = prefix + queue;
    if (topic.length() > MAX_TOPIC_LENGTH || topic.equals(".") || topic.equals("..")) {
      throw new IllegalArgumentException(
          "queue name '"
              + queue
              + "' makes the topic '"
              + topic
              + "', which Kafka does not accept (at most "
              + MAX_TOPIC_LENGTH
              + " characters, not '.' or '..')");
    }
    return topic;
  }

  /**
   * The queue whose messages {@code topic} holds.
   *
   * @throws IllegalArgumentException if the topic does not carry the prefix
   */
  public String queueOf(String topic) {
    if (!topic.startsWith(prefix) || topic.length() == prefix.length()) {
      throw new IllegalArgumentException(
          "topic '" + topic + "' is not a Celeriac queue topic with prefix '" + prefix + "'");
    }
    return topic.substring(prefix.length());
  }
}
