package dev.celeriac.api.spi;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the factories' error messages say about a URL. */
final class ServiceUrls {
  private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):");
  private static final Pattern USER_INFO = Pattern.compile("//[^/@]*@");

  private ServiceUrls() {}

  /**
   * The scheme of {@code url} (RFC 3986: a letter, then letters, digits, {@code +}, {@code -} or
   * {@code .}, before the first colon), or, if it has none, the whole URL with any {@code
   * user:password@} hidden.
   */
  static String schemeOf(String url) {
    Matcher scheme = SCHEME.matcher(url);
    return scheme.lookingAt() ? scheme.group(1) : USER_INFO.matcher(url).replaceFirst("//***@");
  }
}
