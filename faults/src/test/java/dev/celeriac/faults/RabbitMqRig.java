package dev.celeriac.faults;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.celeriac.embedded.junit.TestServices;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine's shared RabbitMQ ({@link TestServices#rabbitmq()}) behind the run's {@link
 * TcpProxy}. Other engineers' tests use the same server, so it is never restarted: a "restart"
 * drops every connection through the proxy and refuses new ones for a while, which is what the
 * workers see of a restart. The test's own client connects straight to the server.
 */
final class RabbitMqRig implements BrokerRig {
  private static final Logger log = LoggerFactory.getLogger(RabbitMqRig.class);

  private final URI uri = TestServices.rabbitmq().uri();
  private final TcpProxy proxy = TcpProxy.to("rabbitmq", uri.getPort());
  private final Connection admin;
  private final String queue;

  RabbitMqRig(String queue) {
    this.queue = queue;
    try {
      var factory = new ConnectionFactory();
      factory.setUri(uri);
      admin = factory.newConnection("celeriac-faults-admin");
    } catch (Exception e) {
      throw new IllegalStateException("cannot connect the test admin to RabbitMQ: " + e, e);
    }
  }

  @Override
  public String processUrl() {
    // The raw path keeps an encoded virtual host (such as %2F) as it was.
    String userInfo = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@";
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return uri.getScheme() + "://" + userInfo + "127.0.0.1:" + proxy.port() + path;
  }

  @Override
  public String clientUrl() {
    return uri.toString();
  }

  @Override
  public TcpProxy proxy() {
    return proxy;
  }

  @Override
  public String restart(Duration downFor) {
    proxy.refuseFor(downFor);
    return "connections dropped and refused for " + downFor + " (shared server, not restarted)";
  }

  @Override
  public OptionalLong deadLettered(String name) {
    try (Channel channel = admin.createChannel()) {
      return OptionalLong.of(channel.messageCount(name + ".dead"));
    } catch (Exception e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public void close() {
    proxy.close();
    for (String name : List.of(queue, queue + ".dead")) {
      try (Channel channel = admin.createChannel()) {
        channel.queueDelete(name);
      } catch (Exception e) {
        log.warn("Could not delete test queue {}: {}", name, e.toString());
      }
    }
    try {
      admin.close();
    } catch (IOException e) {
      log.warn("Closing the test admin connection failed: {}", e.toString());
    }
  }

  @Override
  public String toString() {
    return "RabbitMQ";
  }
}
