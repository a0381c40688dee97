package dev.celeriac.broker.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicNamesTest {
  private final TopicNames names = new TopicNames("celeriac.");

  @Test
  void queueTopicIsThePrefixAndTheQueueNameAndMapsBack() {
    assertThat(names.topicOf("emails.high-1_x")).isEqualTo("celeriac.emails.high-1_x");
    assertThat(names.queueOf("celeriac.emails.high-1_x")).isEqualTo("emails.high-1_x");
  }

  @Test
  void queueNameWithCharactersKafkaForbidsIsRejectedWithTheRule() {
    assertThatThrownBy(() -> names.topicOf("emails/high"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("emails/high")
        .hasMessageContaining("ASCII letters, digits");
    assertThatThrownBy(() -> names.topicOf("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void queueNameThatMakesATooLongTopicIsRejected() {
    String longest = "q".repeat(249 - "celeriac.".length());
    assertThat(names.topicOf(longest)).hasSize(249);

    assertThatThrownBy(() -> names.topicOf(longest + "q"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 249 characters");
  }

  @Test
  void topicWithoutThePrefixHasNoQueue() {
    assertThatThrownBy(() -> names.queueOf("other.emails"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("other.emails");
    assertThatThrownBy(() -> names.queueOf("celeriac."))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
