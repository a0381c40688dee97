package dev.celeriac.embedded.junit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Low-level checks of a TCP port on 127.0.0.1. */
final class PortProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private PortProbe() {}

  /** Whether something accepts connections on {@code port}. */
  static boolean open(int port) {
    try (var socket = connect(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Sends {@code request} and returns the first bytes of the answer (up to {@code maxBytes}, fewer
   * if the server closes the connection or is silent for 2 s).
   *
   * @throws IOException if the port does not accept the connection
   */
  static byte[] exchange(int port, byte[] request, int maxBytes) throws IOException {
    try (var socket = connect(port)) {
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      return in.readNBytes(maxBytes);
    }
  }

  private static Socket connect(int port) throws IOException {
    var socket = new Socket();
    try {
      socket.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }
}
