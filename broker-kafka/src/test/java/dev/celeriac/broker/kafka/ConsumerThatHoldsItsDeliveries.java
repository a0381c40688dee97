package dev.celeriac.broker.kafka;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.ConsumerOptions;
import dev.celeriac.api.spi.Delivery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child process of {@link ConsumerProcessKillIT}: subscribes, receives a number of deliveries,
 * writes their task ids to a file, and then holds them unsettled until it is killed.
 *
 * <p>Arguments: bootstrap servers, queue, group, count, lock duration in ms, output file.
 */
public final class ConsumerThatHoldsItsDeliveries {
  private static final Logger log = LoggerFactory.getLogger(ConsumerThatHoldsItsDeliveries.class);

  private ConsumerThatHoldsItsDeliveries() {}

  /** Runs until killed. */
  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    String queue = args[1];
    String group = args[2];
    int count = Integer.parseInt(args[3]);
    Duration lock = Duration.ofMillis(Long.parseLong(args[4]));
    Path out = Path.of(args[5]);
    // Never closed on purpose: the parent kills this process while it holds the deliveries.
    var broker = KafkaBroker.create(KafkaBrokerConfig.builder(bootstrap).build());
    BrokerConsumer consumer =
        // Room for twice what it holds: a share consumer fetches only when the prefetch has room
        // for a whole batch.
        broker.subscribe(Set.of(queue), new ConsumerOptions(group, 2 * count, lock));
    log.info("child subscribed to {} in group {}", queue, group);
    List<String> ids = new ArrayList<>();
    while (ids.size() < count) {
      for (Delivery delivery : consumer.poll(count - ids.size(), Duration.ofMillis(500))) {
        TaskId id = delivery.taskId();
        ids.add(id == null ? "?" : id.toString());
        log.info("child holds {}", delivery);
      }
    }
    Path partial = out.resolveSibling(out.getFileName() + ".partial");
    Files.write(partial, ids);
    Files.move(partial, out);
    new CountDownLatch(1).await();
  }
}
