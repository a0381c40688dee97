package dev.celeriac.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Generates valid {@link TaskMessage}s from a seeded {@link RandomGenerator}, so a failing
 * property-style test is reproduced by its seed. Argument trees use the node types Jackson reads
 * back (int-sized numbers as ints, other integers as longs or big integers, fractions as doubles),
 * so a round trip can be compared with {@code equals}.
 */
final class RandomTaskMessages {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  // Far ends of what Instant holds, to cover years with more than four digits and negative years.
  private static final long MIN_SECOND = Instant.MIN.getEpochSecond();
  private static final long MAX_SECOND = Instant.MAX.getEpochSecond();

  private final RandomGenerator random;

  RandomTaskMessages(RandomGenerator random) {
    this.random = random;
  }

  /** A valid message with every optional field either set or absent at random. */
  TaskMessage message() {
    return new TaskMessage(
        TaskMessage.CURRENT_VERSION,
        new TaskId(new UUID(random.nextLong(), random.nextLong())),
        name(),
        args(),
        name(),
        random.nextInt(4) == 0 ? random.nextInt(1, Integer.MAX_VALUE) : random.nextInt(1, 10),
        random.nextBoolean() ? instant() : null,
        random.nextBoolean() ? instant() : null,
        random.nextInt(10),
        random.nextBoolean() ? Duration.ofMillis(random.nextLong(1, Long.MAX_VALUE)) : null,
        headers(),
        instant());
  }

  /** A message whose text is plain ASCII, so single bytes can be swapped in without surprises. */
  TaskMessage asciiMessage() {
    ArrayNode args = NODES.arrayNode();
    int count = random.nextInt(4);
    for (int i = 0; i < count; i++) {
      args.add(random.nextBoolean() ? NODES.textNode(ascii(1, 20)) : NODES.numberNode(i));
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("trace", ascii(1, 20));
    return new TaskMessage(
        TaskMessage.CURRENT_VERSION,
        new TaskId(new UUID(random.nextLong(), random.nextLong())),
        "t" + ascii(0, 30),
        args,
        "q" + ascii(0, 10),
        random.nextInt(1, 10),
        random.nextBoolean() ? instant() : null,
        null,
        random.nextInt(10),
        Duration.ofMillis(random.nextLong(1, 1_000_000)),
        headers,
        instant());
  }

  /** A non-blank name of 1..~120 UTF-16 units drawn from many scripts. */
  String name() {
    return "n" + text(0, 60);
  }

  /** A string of up to {@code maxCodePoints} code points of any kind, lone surrogates included. */
  String text(int minCodePoints, int maxCodePoints) {
    int length = random.nextInt(minCodePoints, maxCodePoints + 1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.appendCodePoint(codePoint());
    }
    return out.toString();
  }

  /**
   * A header or object key of up to 10 code points: like {@link #text} but without unpaired
   * surrogates, which the codec refuses in keys.
   */
  String key() {
    int length = random.nextInt(0, 11);
    StringBuilder out = new StringBuilder();
    while (out.codePointCount(0, out.length()) < length) {
      int c = codePoint();
      if (!Character.isSurrogate((char) c) || c > 0xFFFF) {
        out.appendCodePoint(c);
      }
    }
    return out.toString();
  }

  String ascii(int minLength, int maxLength) {
    int length = random.nextInt(minLength, maxLength + 1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append((char) random.nextInt('a', 'z' + 1));
    }
    return out.toString();
  }

  private int codePoint() {
    return switch (random.nextInt(8)) {
      case 0 -> random.nextInt(0x20); // control characters, escaped by the encoder
      case 1 -> "\"\\/'{}[]:,".charAt(random.nextInt(10));
      case 2 -> random.nextInt(0x80, 0x800); // two UTF-8 bytes
      case 3 -> random.nextInt(0x4E00, 0xA000); // CJK, three bytes
      case 4 -> random.nextInt(0x1F300, 0x1FAFF); // emoji, a surrogate pair in UTF-16
      case 5 -> random.nextInt(0xD800, 0xE000); // a lone surrogate
      default -> random.nextInt(0x20, 0x7F);
    };
  }

  /** Any instant from {@link Instant#MIN} to {@link Instant#MAX}, or a recent one. */
  Instant instant() {
    if (random.nextBoolean()) {
      return Instant.ofEpochSecond(random.nextLong(1_600_000_000L, 2_000_000_000L))
          .plusNanos(random.nextInt(1_000_000_000));
    }
    return Instant.ofEpochSecond(
        random.nextLong(MIN_SECOND, MAX_SECOND), random.nextInt(1_000_000_000));
  }

  private Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    int count = random.nextInt(5);
    for (int i = 0; i < count; i++) {
      headers.put(key(), text(0, 30));
    }
    return headers;
  }

  /** A JSON array of up to 4 random values, nested up to 3 levels. */
  ArrayNode args() {
    ArrayNode args = NODES.arrayNode();
    int count = random.nextInt(5);
    for (int i = 0; i < count; i++) {
      args.add(value(3));
    }
    return args;
  }

  private JsonNode value(int depth) {
    int kinds = depth == 0 ? 8 : 10;
    return switch (random.nextInt(kinds)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextInt());
      case 3 -> integer(random.nextLong());
      case 4 -> integer(new BigInteger(random.nextInt(1, 200), new Random(random.nextLong())));
      case 5 -> NODES.numberNode(fraction());
      case 6, 7 -> NODES.textNode(text(0, 40));
      case 8 -> array(depth - 1);
      default -> object(depth - 1);
    };
  }

  private double fraction() {
    double value =
        switch (random.nextInt(3)) {
          case 0 -> random.nextDouble();
          case 1 -> random.nextGaussian() * 1e6;
          default -> Double.longBitsToDouble(random.nextLong());
        };
    // Non-finite doubles have no JSON form.
    return Double.isFinite(value) ? value : 0.25;
  }

  private JsonNode array(int depth) {
    ArrayNode array = NODES.arrayNode();
    int count = random.nextInt(4);
    for (int i = 0; i < count; i++) {
      array.add(value(depth));
    }
    return array;
  }

  private JsonNode object(int depth) {
    ObjectNode object = NODES.objectNode();
    int count = random.nextInt(4);
    for (int i = 0; i < count; i++) {
      object.set(key(), value(depth));
    }
    return object;
  }

  private static JsonNode integer(long value) {
    return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
  }

  private static JsonNode integer(BigInteger value) {
    if (value.bitLength() < 32) {
      return NODES.numberNode(value.intValue());
    }
    return value.bitLength() < 64 ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
  }

  /** One of {@code values}. */
  @SafeVarargs
  final <T> T oneOf(T... values) {
    return values[random.nextInt(values.length)];
  }
}
