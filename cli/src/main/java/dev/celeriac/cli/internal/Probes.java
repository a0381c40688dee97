package dev.celeriac.cli.internal;

import dev.celeriac.cli.Main;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks addresses before a client library is given them: Kafka and ZooKeeper clients retry an
 * unreachable address for ever, so the command looks first and fails with one clear line.
 */
public final class Probes {
  private static final int CONNECT_TIMEOUT_MS = 3000;

  private Probes() {}

  /**
   * Succeeds if one of the comma-separated {@code host:port} addresses accepts a TCP connection.
   *
   * @param what the service, for the message, such as "the Kafka broker"
   * @throws CliFailure ({@link Main#EXIT_UNAVAILABLE}) naming the addresses if none does
   * @throws CliFailure ({@link Main#EXIT_USAGE}) if an address is not {@code host:port}
   */
  public static void reachable(String what, String addresses) {
    List<Throwable> errors = new ArrayList<>();
    for (String address : addresses.split(",")) {
      InetSocketAddress target = parse(what, address.strip());
      try (Socket socket = new Socket()) {
        socket.connect(target, CONNECT_TIMEOUT_MS);
        return;
      } catch (IOException e) {
        errors.add(e);
      }
    }
    throw Failures.unreachable(what, addresses, errors.getLast());
  }

  /**
   * Succeeds if {@code port} on 127.0.0.1 is free to listen on.
   *
   * @param what the service and the flag that chose the port, for the message
   * @throws CliFailure ({@link Main#EXIT_UNAVAILABLE}) if it is in use
   */
  public static void portFree(String what, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", port));
    } catch (IOException e) {
      throw new CliFailure(
          Main.EXIT_UNAVAILABLE,
          "port " + port + " on 127.0.0.1 for " + what + " is already in use",
          e);
    }
  }

  /** A free port on 127.0.0.1, chosen by the operating system. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new CliFailure(Main.EXIT_UNAVAILABLE, "no free port on 127.0.0.1: " + e.getMessage());
    }
  }

  private static InetSocketAddress parse(String what, String address) {
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      throw new CliFailure(
          Main.EXIT_USAGE, "the address of " + what + " must be host:port, was '" + address + "'");
    }
    try {
      return new InetSocketAddress(
          address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      throw new CliFailure(
          Main.EXIT_USAGE, "the address of " + what + " must be host:port, was '" + address + "'");
    }
  }
}
