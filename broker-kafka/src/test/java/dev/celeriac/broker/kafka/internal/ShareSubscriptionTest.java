package dev.celeriac.broker.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.Delivery;
import dev.celeriac.api.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockShareConsumer;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class ShareSubscriptionTest {
  private static final String TOPIC = "celeriac.jobs";

  /**
   * Issue 3: the throughput benchmark's pool grew to more share consumers than could each reserve a
   * batch. Once some partitions were drained, the share consumers waiting on them kept every permit
   * through their empty polls, and those of the partition with records left never fetched them.
   * Here two share consumers with nothing to fetch reserve all 100 permits before the third, which
   * has records, asks for its batch: they must give their permits back to it.
   */
  @Test
  void shareConsumersWithNothingToFetchGiveTheirPermitsToOneThatWaits() throws Exception {
    var bothReserved = new CountDownLatch(2);
    var opened = new AtomicInteger();
    var withRecords = new MockShareConsumer<byte[], byte[]>();
    withRecords.subscribe(Set.of(TOPIC));
    for (int i = 0; i < 10; i++) {
      withRecords.addRecord(record(i));
    }
    var sizing = new SubscriptionSizing(100, 3, 3, 50);
    var subscription =
        new ShareSubscription(
            "test",
            Set.of(TOPIC),
            new TopicNames("celeriac."),
            () -> {
              if (opened.incrementAndGet() <= 2) {
                return new DrainedPartition(bothReserved);
              }
              awaitQuietly(bothReserved);
              return withRecords;
            },
            sizing,
            Duration.ofSeconds(30),
            Duration.ofSeconds(5));
    try {
      assertThat(bothReserved.getCount()).isZero();
      List<Delivery> received = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (received.size() < 10 && System.nanoTime() < deadline) {
        received.addAll(subscription.poll(10, Duration.ofMillis(500)));
      }
      assertThat(received).hasSize(10);
    } finally {
      subscription.close();
    }
  }

  /** A share consumer whose partitions hold nothing: each poll returns no records. */
  private static final class DrainedPartition extends MockShareConsumer<byte[], byte[]> {
    private final CountDownLatch polled;

    DrainedPartition(CountDownLatch polled) {
      this.polled = polled;
    }

    @Override
    public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
      polled.countDown();
      try {
        // As Kafka's client, which waits up to the timeout for records that do not come.
        wait(Math.min(timeout.toMillis(), 50));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return super.poll(timeout);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ConsumerRecord<byte[], byte[]> record(int offset) {
    var message =
        new OutboundMessage(
            "jobs",
            TaskId.generate(),
            "jobs.run",
            0,
            "x".getBytes(StandardCharsets.UTF_8),
            Map.of());
    return new ConsumerRecord<>(
        TOPIC,
        0,
        offset,
        0L,
        TimestampType.CREATE_TIME,
        0,
        message.body().length,
        null,
        message.body(),
        MessageHeaders.toRecord(message),
        Optional.empty(),
        Optional.empty());
  }
}
