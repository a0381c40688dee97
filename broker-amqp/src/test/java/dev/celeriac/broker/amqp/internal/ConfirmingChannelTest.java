package dev.celeriac.broker.amqp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ConfirmingChannelTest {
  private final FakeChannel fake = new FakeChannel();
  private final List<PendingPublish> handedBack = new ArrayList<>();
  private final List<String> unroutableQueues = new ArrayList<>();
  private final ConfirmingChannel channel;

  ConfirmingChannelTest() throws Exception {
    channel =
        ConfirmingChannel.open(
            fake.connection(), "celeriac", handedBack::add, unroutableQueues::add);
  }

  @Test
  void oneMultipleConfirmCompletesEveryPublishUpToItsSequenceNumber() throws Exception {
    List<CompletableFuture<Void>> sent = List.of(send(), send(), send());

    fake.confirm(2, true);

    assertThat(sent.get(0)).isCompleted();
    assertThat(sent.get(1)).isCompleted();
    assertThat(sent.get(2)).isNotDone();
    fake.confirm(3, false);
    assertThat(sent.get(2)).isCompletedWithValue(null);
  }

  @Test
  void refusedPublishFailsWithABrokerException() throws Exception {
    CompletableFuture<Void> sent = send();

    fake.refuse(1);

    assertThat(sent)
        .failsWithin(java.time.Duration.ZERO)
        .withThrowableThat()
        .havingCause()
        .isInstanceOf(BrokerException.class)
        .withMessageContaining("refused (nack)");
  }

  @Test
  void returnedMessageFailsAsUnroutableEvenThoughItsConfirmFollows() throws Exception {
    CompletableFuture<Void> sent = send();

    fake.returnUnroutable(0, "emails");
    fake.confirm(1, false);

    assertThat(sent).isCompletedExceptionally();
    assertThat(sent.exceptionNow())
        .hasMessageContaining("could not route")
        .hasMessageContaining("'emails'");
    assertThat(unroutableQueues).containsExactly("emails");
  }

  @Test
  void publishesCutOffByALostConnectionAreHandedBackToBeSentAgain() {
    CompletableFuture<Void> first = send();
    CompletableFuture<Void> second = send();

    fake.loseConnection();

    assertThat(first).isNotDone();
    assertThat(second).isNotDone();
    assertThat(handedBack).hasSize(2);
    assertThat(channel.isOpen()).isFalse();
    assertThat(channel.isBroken())
        .as("a lost connection recovers; the channel is not broken")
        .isFalse();
  }

  @Test
  void sendOnAClosedChannelReportsThatItWasNotSent() {
    fake.loseConnection();

    boolean sent = channel.send(new PendingPublish(message()));

    assertThat(sent).isFalse();
    assertThat(fake.published).isEmpty();
  }

  @Test
  void publishCutOffByALostConnectionIsNotCompletedByAConfirmOfTheRecoveredChannel()
      throws Exception {
    CompletableFuture<Void> beforeLoss = send();
    fake.loseConnection();
    fake.recover();

    CompletableFuture<Void> afterRecovery = send();
    fake.confirm(1, false);

    assertThat(afterRecovery).isCompleted();
    assertThat(beforeLoss).isNotDone();
    assertThat(handedBack).extracting(p -> p.future()).containsExactly(beforeLoss);
  }

  @Test
  void closingTheChannelFailsWhatIsUnconfirmed() {
    CompletableFuture<Void> sent = send();

    channel.close();

    assertThat(sent.exceptionNow())
        .isInstanceOf(BrokerException.class)
        .hasMessageContaining("closed before it confirmed");
  }

  @Test
  void publishedMessagesArePersistentAndRepeatIdNameAndPriorityAsHeaders() {
    OutboundMessage message =
        new OutboundMessage(
            "emails", TaskId.generate(), "emails.send", 7, new byte[] {1}, Map.of());

    channel.send(new PendingPublish(message));

    var properties = fake.published.getFirst();
    assertThat(properties.getDeliveryMode()).isEqualTo(2);
    assertThat(properties.getPriority()).isEqualTo(7);
    assertThat(properties.getHeaders())
        .containsEntry(OutboundMessage.ID_HEADER, message.id().toString())
        .containsEntry(OutboundMessage.TASK_HEADER, "emails.send")
        .containsEntry("celeriac-priority", "7");
  }

  private CompletableFuture<Void> send() {
    var publish = new PendingPublish(message());
    assertThat(channel.send(publish)).isTrue();
    return publish.future();
  }

  private static OutboundMessage message() {
    return new OutboundMessage(
        "emails", TaskId.generate(), "emails.send", 0, new byte[] {1}, Map.of());
  }
}
