package dev.celeriac.bench.jmh;

import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The envelope codec on the hot path of every submit (encode) and every delivery (decode), with
 * small arguments and with about 10 KiB of them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmark {
  /** {@code small}: two short arguments; {@code 10KiB}: an encoded envelope of about 10 KiB. */
  @Param({"small", "10KiB"})
  public String args;

  private final TaskMessageCodec codec = new TaskMessageCodec();
  private TaskMessage message;
  private byte[] encoded;

  /** Builds the message and its encoding once. */
  @Setup
  public void prepare() {
    message =
        BenchMessages.message(
            "bench.order",
            switch (args) {
              case "small" -> BenchMessages.smallArgs();
              case "10KiB" -> BenchMessages.argsOfAbout(10 * 1024);
              default -> throw new IllegalArgumentException("unknown args size: " + args);
            });
    encoded = codec.encode(message);
  }

  /** The size of the encoded envelope, for the report. */
  public int encodedBytes() {
    return encoded.length;
  }

  /** The message as it is published. */
  @Benchmark
  public byte[] encode() {
    return codec.encode(message);
  }

  /** A delivered body back to a validated message. */
  @Benchmark
  public TaskMessage decode() {
    return codec.decode(encoded);
  }
}
