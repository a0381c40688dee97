package dev.celeriac.console.internal;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.PageCursor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Opaque page cursors for the tasks list: the keyset {@code (submittedAt, id)} of a page's last row
 * as URL-safe Base64, so clients pass it back without interpreting it.
 */
public final class Cursors {
  private Cursors() {}

  /** The opaque form of {@code cursor}. */
  public static String encode(PageCursor cursor) {
    String plain = cursor.submittedAt() + "|" + cursor.id();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The cursor {@link #encode} produced.
   *
   * @throws ApiException 400 naming {@code cursor} if it is not one
   */
  public static PageCursor decode(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int bar = plain.indexOf('|');
      return new PageCursor(
          Instant.parse(plain.substring(0, bar)), TaskId.parse(plain.substring(bar + 1)));
    } catch (RuntimeException e) {
      throw ApiException.badRequest(
          "cursor", "not a cursor this API returned (pass the 'next' value back unchanged)");
    }
  }
}
