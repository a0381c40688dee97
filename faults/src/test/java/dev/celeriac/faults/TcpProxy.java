package dev.celeriac.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on 127.0.0.1 in front of one server, through which the processes under test reach it,
 * so a test can cut their network without touching the server (which other tests on this machine
 * may share): {@link #pause} stops forwarding bytes for a while (connections stay open, as in a
 * network partition), {@link #dropAll} closes every connection, and {@link #refuseFor} also turns
 * new connections away for a while (what a restarting server looks like to its clients).
 */
final class TcpProxy implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TcpProxy.class);

  private final String name;
  private final int targetPort;
  private final ServerSocket listener;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Object gate = new Object();
  private long pausedUntilNanos;
  private volatile long refusedUntilNanos;
  private volatile boolean closed;

  private TcpProxy(String name, int listenPort, int targetPort) throws IOException {
    this.name = name;
    this.targetPort = targetPort;
    this.listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort));
    Thread.ofVirtual().name("proxy-" + name + "-accept").start(this::acceptLoop);
  }

  /** A proxy on a free port of 127.0.0.1 forwarding to {@code targetPort} there. */
  static TcpProxy to(String name, int targetPort) {
    return on(name, 0, targetPort);
  }

  /**
   * A proxy on {@code listenPort} (0: a free one) of 127.0.0.1 forwarding to {@code targetPort}.
   */
  static TcpProxy on(String name, int listenPort, int targetPort) {
    try {
      return new TcpProxy(name, listenPort, targetPort);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the " + name + " proxy", e);
    }
  }

  /** The port clients connect to. */
  int port() {
    return listener.getLocalPort();
  }

  /** Stops forwarding in both directions for {@code duration}; connections stay open. */
  void pause(Duration duration) {
    synchronized (gate) {
      pausedUntilNanos = System.nanoTime() + duration.toNanos();
    }
    log.info("{} proxy: paused for {}", name, duration);
  }

  /** Closes every open connection through this proxy, as a broken network or a restart would. */
  void dropAll() {
    int dropped = sockets.size();
    sockets.forEach(TcpProxy::closeQuietly);
    sockets.clear();
    log.info("{} proxy: dropped {} sockets", name, dropped);
  }

  /** Drops every connection and closes new ones at once for {@code duration}. */
  void refuseFor(Duration duration) {
    refusedUntilNanos = System.nanoTime() + duration.toNanos();
    dropAll();
    log.info("{} proxy: refusing connections for {}", name, duration);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        if (System.nanoTime() < refusedUntilNanos) {
          closeQuietly(client);
          continue;
        }
        Thread.ofVirtual().name("proxy-" + name + "-connect").start(() -> connect(client));
      } catch (IOException e) {
        if (!closed) {
          log.warn("{} proxy: accept failed: {}", name, e.toString());
        }
      }
    }
  }

  private void connect(Socket client) {
    Socket server = new Socket();
    try {
      server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
      client.setTcpNoDelay(true);
      server.setTcpNoDelay(true);
    } catch (IOException e) {
      closeQuietly(client);
      closeQuietly(server);
      return;
    }
    sockets.add(client);
    sockets.add(server);
    Thread.ofVirtual().name("proxy-" + name + "-up").start(() -> pump(client, server));
    Thread.ofVirtual().name("proxy-" + name + "-down").start(() -> pump(server, client));
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        awaitNotPaused();
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (SocketException e) {
      // The other side closed, or dropAll did: the pair ends below.
    } catch (IOException | InterruptedException e) {
      log.debug("{} proxy: connection ended: {}", name, e.toString());
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      sockets.remove(from);
      sockets.remove(to);
    }
  }

  private void awaitNotPaused() throws InterruptedException {
    while (true) {
      long remaining;
      synchronized (gate) {
        remaining = pausedUntilNanos - System.nanoTime();
      }
      if (remaining <= 0) {
        return;
      }
      Thread.sleep(Duration.ofNanos(Math.min(remaining, 50_000_000L)));
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is all that is wanted; a socket that fails to close is gone anyway.
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      log.debug("{} proxy: closing the listener failed: {}", name, e.toString());
    }
    dropAll();
  }
}
