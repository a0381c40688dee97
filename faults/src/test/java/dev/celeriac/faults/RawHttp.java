package dev.celeriac.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP/1.0 client over a plain socket that sends the request target byte for byte: no
 * normalisation of {@code ..}, no re-encoding, no limit on its length, which a hostile caller does
 * not have either (and {@code java.net.http} would not allow).
 */
final class RawHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int port;

  RawHttp(int port) {
    this.port = port;
  }

  /**
   * An answer: its status, headers (lower-case names) and body.
   *
   * @param status the status code, or 0 if the server closed without answering
   */
  record Answer(int status, Map<String, String> headers, String body) {
    /** The body as JSON, or a missing node if it is none. */
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        return JSON.missingNode();
      }
    }

    @Nullable String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return status
          + " "
          + headers
          + " "
          + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
    }
  }

  Answer get(String target) {
    return send("GET", target, null);
  }

  Answer post(String target, String body) {
    return send("POST", target, body);
  }

  Answer send(String method, String target, @Nullable String body) {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.0\r\n");
    head.append("Host: 127.0.0.1:").append(port).append("\r\n");
    if (body != null) {
      head.append("Content-Type: application/json\r\n");
      head.append("Content-Length: ").append(content.length).append("\r\n");
    }
    head.append("\r\n");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(content);
        out.flush();
      } catch (IOException e) {
        // The server may answer and close before it read all of an oversized request.
      }
      return parse(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + abbreviated(target) + " failed", e);
    }
  }

  private static Answer parse(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try {
      in.transferTo(all);
    } catch (IOException e) {
      // A reset after the answer was sent: keep what arrived.
    }
    String text = all.toString(StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/") || end < 0) {
      return new Answer(0, Map.of(), text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    return new Answer(status, headers, text.substring(end + 4));
  }

  private static String abbreviated(String target) {
    return target.length() > 80 ? target.substring(0, 80) + "…" : target;
  }
}
