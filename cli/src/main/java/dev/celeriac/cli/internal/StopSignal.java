package dev.celeriac.cli.internal;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Waits for SIGINT (Ctrl-C) or SIGTERM. The handlers replace the JVM's default, which would exit
 * with 130 or 143 while the shutdown hooks run; here the waiting thread wakes, closes everything in
 * order and the command exits 0.
 */
public final class StopSignal {
  private final CountDownLatch stop = new CountDownLatch(1);

  private StopSignal() {}

  /** Installs the handlers for SIGINT and SIGTERM; call before the role starts. */
  public static StopSignal install() {
    StopSignal signal = new StopSignal();
    Signal.handle(new Signal("INT"), s -> signal.stop.countDown());
    Signal.handle(new Signal("TERM"), s -> signal.stop.countDown());
    return signal;
  }

  /**
   * Blocks until a signal arrives.
   *
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public void await() throws InterruptedException {
    stop.await();
  }
}
