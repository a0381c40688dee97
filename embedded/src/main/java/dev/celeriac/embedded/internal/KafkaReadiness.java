package dev.celeriac.embedded.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.jspecify.annotations.Nullable;

/** Asks a Kafka cluster whether it answers, through {@code Admin.describeCluster}. */
public final class KafkaReadiness {
  private KafkaReadiness() {}

  /**
   * Waits until the cluster at {@code bootstrapServers} lists at least one node.
   *
   * @return {@code null} when it answered, else why not (the cause, or a timeout)
   */
  public static @Nullable String awaitNodes(String bootstrapServers, Duration timeout) {
    int millis = Math.toIntExact(timeout.toMillis());
    Map<String, Object> config =
        Map.of(
            "bootstrap.servers",
            bootstrapServers,
            "default.api.timeout.ms",
            millis,
            "request.timeout.ms",
            Math.min(millis, 5_000),
            "client.id",
            "celeriac-readiness");
    try (Admin admin = Admin.create(config)) {
      var nodes =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(millis))
              .nodes()
              .get(millis + 1_000L, TimeUnit.MILLISECONDS);
      return nodes.isEmpty() ? "the cluster lists no nodes" : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while waiting for Kafka";
    } catch (ExecutionException e) {
      return String.valueOf(e.getCause());
    } catch (TimeoutException e) {
      return "no answer within " + timeout;
    }
  }
}
