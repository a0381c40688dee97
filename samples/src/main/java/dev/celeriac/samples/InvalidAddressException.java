package dev.celeriac.samples;

/** An address no mail server will ever accept; retrying cannot help. */
public class InvalidAddressException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** {@code address} is not a mail address. */
  public InvalidAddressException(String address) {
    super("not a mail address: '" + address + "'");
  }
}
