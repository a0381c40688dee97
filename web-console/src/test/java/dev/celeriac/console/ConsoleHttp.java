package dev.celeriac.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A small JSON client for the console's API in tests. */
final class ConsoleHttp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final @Nullable String token;

  ConsoleHttp(String base, @Nullable String token) {
    this.base = base;
    this.token = token;
  }

  /** The same client with another token (or none). */
  ConsoleHttp as(@Nullable String otherToken) {
    return new ConsoleHttp(base, otherToken);
  }

  /** An answer: status and parsed JSON body (a missing node for an empty body). */
  record Answer(int status, JsonNode json, String text) {
    JsonNode get(String field) {
      return json.path(field);
    }
  }

  Answer get(String path) {
    return send("GET", path, null);
  }

  Answer post(String path, @Nullable String body) {
    return send("POST", path, body);
  }

  Answer put(String path, String body) {
    return send("PUT", path, body);
  }

  Answer delete(String path) {
    return send("DELETE", path, null);
  }

  Answer send(String method, String path, @Nullable String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(90))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      JsonNode json;
      try {
        json = text.isBlank() ? JSON.missingNode() : JSON.readTree(text);
      } catch (IOException e) {
        json = JSON.missingNode();
      }
      return new Answer(response.statusCode(), json, text);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  String base() {
    return base;
  }
}
