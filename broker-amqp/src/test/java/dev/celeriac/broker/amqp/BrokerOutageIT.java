package dev.celeriac.broker.amqp;

import static dev.celeriac.broker.amqp.Messages.await;
import static dev.celeriac.broker.amqp.Messages.message;
import static dev.celeriac.broker.amqp.Messages.receive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.ConsumerOptions;
import dev.celeriac.api.spi.Delivery;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.embedded.junit.IntegrationTest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The broker becomes unreachable after it was connected (a proxy in between drops every connection
 * and refuses new ones): publishes fail within the publish timeout instead of hanging, and work
 * resumes when the broker is back.
 */
@IntegrationTest
class BrokerOutageIT {
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(2);

  private final RabbitAdmin admin = new RabbitAdmin();
  private final String queue = admin.newQueue("outage");
  private final TcpProxy proxy;
  private final AmqpBroker broker;

  BrokerOutageIT() throws Exception {
    URI real = RabbitAdmin.uri();
    proxy = new TcpProxy(real.getHost(), real.getPort() < 0 ? 5672 : real.getPort());
    URI viaProxy =
        URI.create(
            real.getScheme()
                + "://"
                + real.getRawUserInfo()
                + "@127.0.0.1:"
                + proxy.port()
                + real.getRawPath());
    broker =
        AmqpBroker.create(
            AmqpBrokerConfig.builder(viaProxy)
                .publishTimeout(PUBLISH_TIMEOUT)
                .recoveryInterval(Duration.ofMillis(300))
                .build());
  }

  @AfterEach
  void cleanUp() throws Exception {
    broker.close();
    proxy.close();
    admin.close();
  }

  @Test
  void publishWhileTheBrokerIsDownFailsWithinTheTimeoutAndPublishingResumesWhenItIsBack()
      throws Exception {
    OutboundMessage before = message(queue, 1);
    await(broker.publish(before));
    BrokerConsumer consumer = broker.subscribe(Set.of(queue), ConsumerOptions.defaults(10));

    proxy.cut();
    CompletableFuture<Void> duringOutage = broker.publish(message(queue, 2));

    // Generous slack over the 2 s timeout: the point is that it fails rather than hangs.
    assertThatThrownBy(() -> duringOutage.get(PUBLISH_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(BrokerException.class)
        .hasMessageContaining("did not confirm");

    proxy.restore();
    OutboundMessage after = message(queue, 3);
    await(broker.publish(after));
    var received = new ArrayList<Delivery>();
    while (received.stream().noneMatch(d -> after.id().equals(d.taskId()))) {
      received.addAll(receive(consumer, 1));
    }
    assertThat(received).extracting(Delivery::taskId).contains(before.id(), after.id());
    consumer.close();
  }
}
