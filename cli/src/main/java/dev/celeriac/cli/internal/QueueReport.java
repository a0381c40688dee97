package dev.celeriac.cli.internal;

import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.QueueDepth;
import dev.celeriac.api.spi.QueueInspector;
import dev.celeriac.api.spi.WorkerHeartbeat;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The queues part of {@code celeriac inspect}: each queue's depth, through the broker's {@link
 * QueueInspector} (with each partition's lag on Kafka), beside the workers that consume it. A depth
 * the broker cannot give is printed as unknown with the reason, never as zero.
 */
final class QueueReport {
  private QueueReport() {}

  /**
   * Prints one line per queue in {@code queues}. {@code broker} is null when it could not be
   * opened; {@code brokerProblem} then says why.
   */
  static void print(
      PrintWriter out,
      SortedSet<String> queues,
      List<WorkerHeartbeat> workers,
      @Nullable Broker broker,
      @Nullable String brokerProblem) {
    @Nullable String unknown = unknownReason(broker, brokerProblem);
    out.printf(
        "queues (%d)%s%n", queues.size(), unknown == null ? "" : ": depth unknown, " + unknown);
    int width = queues.stream().mapToInt(String::length).max().orElse(0);
    for (String queue : queues) {
      out.printf(
          "  %-" + width + "s  depth %s  workers %s%n",
          queue,
          unknown == null ? depth((QueueInspector) broker, queue) : "unknown",
          consumers(queue, workers));
    }
  }

  private static @Nullable String unknownReason(
      @Nullable Broker broker, @Nullable String brokerProblem) {
    if (broker == null) {
      return brokerProblem;
    }
    if (!(broker instanceof QueueInspector)) {
      return "the broker (" + broker.getClass().getSimpleName() + ") cannot report queue depths";
    }
    return null;
  }

  private static String depth(QueueInspector inspector, String queue) {
    try {
      Optional<QueueDepth> depth = inspector.queueDepth(queue);
      return depth.map(QueueReport::describe).orElse("0 (no such queue yet)");
    } catch (BrokerException e) {
      return "unknown (" + Failures.oneLine(e) + ")";
    }
  }

  /** The message count, then on a partitioned broker the lag of each partition, as p0=12. */
  private static String describe(QueueDepth depth) {
    if (depth.partitions().isEmpty()) {
      return Long.toString(depth.messages());
    }
    return depth.messages()
        + depth.partitions().stream()
            .map(p -> "p" + p.partition() + "=" + p.lag())
            .collect(Collectors.joining(" ", " (lag ", ")"));
  }

  private static String consumers(String queue, List<WorkerHeartbeat> workers) {
    int count = 0;
    int concurrency = 0;
    for (WorkerHeartbeat w : workers) {
      if (w.queues().contains(queue)) {
        count++;
        concurrency += w.concurrency();
      }
    }
    return count == 0 ? "none" : count + " (concurrency " + concurrency + ")";
  }
}
