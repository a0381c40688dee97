package dev.celeriac.worker;

import java.util.regex.Pattern;

/** Text helpers for the one-line messages of {@link WorkerMain}. */
final class LaunchMessages {
  private static final Pattern USER_INFO = Pattern.compile("//[^/@]*@");

  private LaunchMessages() {}

  /** {@code url} with any {@code user:password@} hidden, fit for a log line. */
  static String redact(String url) {
    return USER_INFO.matcher(url).replaceFirst("//***@");
  }

  /** The message of {@code error} and of its causes, on one line, without stack traces. */
  static String oneLine(Throwable error) {
    StringBuilder line = new StringBuilder();
    for (Throwable t = error; t != null && line.length() < 500; t = t.getCause()) {
      String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (line.indexOf(text) < 0) {
        line.append(line.isEmpty() ? "" : ": ").append(text);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return line.toString().replaceAll("\\s+", " ");
  }
}
