package dev.celeriac.embedded.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks TCP ports on 127.0.0.1 that nothing listens on. */
public final class FreePorts {
  private FreePorts() {}

  /**
   * A port that was free a moment ago. Another process may still take it before the caller binds
   * it; the window is small and tests accept it.
   *
   * @throws UncheckedIOException if no port can be bound at all
   */
  public static int pick() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free TCP port on 127.0.0.1", e);
    }
  }
}
