package dev.celeriac.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.celeriac.api.MalformedMessageException.Problem;
import dev.celeriac.api.internal.JsonMappers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property-style tests of the codec: for hundreds of generated inputs per seed, decoding gives the
 * encoded message back, or fails with {@link MalformedMessageException} naming the expected
 * problem, and never with any other exception or a hang. Each failure message starts with the seed
 * and the case number; rerun that seed to reproduce it.
 */
class TaskMessageCodecPropertyTest {
  private static final int CASES = 200;
  private static final Duration NO_HANG = Duration.ofSeconds(30);
  private static final Set<String> REQUIRED =
      Set.of("v", "id", "task", "args", "queue", "attempt", "submittedAt");
  private static final List<String> OPTIONAL =
      List.of("eta", "expires", "priority", "timeoutMs", "headers");

  private final TaskMessageCodec codec = new TaskMessageCodec();

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 20261129})
  void everyValidMessageDecodesToItself(long seed) {
    var messages = new RandomTaskMessages(new SplittableRandom(seed));
    withinTimeLimit(
        () -> {
          for (int i = 0; i < CASES; i++) {
            int caseNumber = i;
            TaskMessage message = messages.message();
            TaskMessage decoded = codec.decode(codec.encode(message));
            assertThat(decoded)
                .as(() -> where(seed, caseNumber, "round trip of %s", message))
                .isEqualTo(message);
          }
        });
  }

  /**
   * Whatever the envelope record accepts, the codec either encodes into bytes it decodes back, or
   * refuses at once with {@link MalformedMessageException}: it never sends what no worker can read.
   * The fields are drawn around and beyond their valid ranges.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 20261129})
  void recordAndCodecAgreeOnWhatIsValid(long seed) {
    var random = new SplittableRandom(seed);
    var messages = new RandomTaskMessages(random);
    int[] roundTrips = {0};
    withinTimeLimit(
        () -> {
          for (int i = 0; i < CASES; i++) {
            int caseNumber = i;
            TaskMessage valid = messages.message();
            TaskMessage message;
            try {
              message =
                  new TaskMessage(
                      valid.version(),
                      valid.id(),
                      rarely(random) ? "t".repeat(random.nextInt(190, 260)) : valid.task(),
                      valid.args(),
                      rarely(random) ? " ".repeat(random.nextInt(1, 3)) : valid.queue(),
                      valid.attempt(),
                      valid.eta(),
                      valid.expires(),
                      rarely(random) ? random.nextInt(-3, 13) : valid.priority(),
                      rarely(random)
                          ? messages.oneOf(
                              Duration.ofMillis(random.nextLong(-5, 5)),
                              Duration.ofNanos(random.nextLong(1, 10_000_000)),
                              Duration.ofSeconds(random.nextLong(0, Long.MAX_VALUE)),
                              Duration.ofMillis(random.nextLong(1, Long.MAX_VALUE)))
                          : valid.timeout(),
                      rarely(random) ? Map.of(messages.text(1, 5), "v") : valid.headers(),
                      valid.submittedAt());
            } catch (IllegalArgumentException rejectedByTheRecord) {
              continue;
            }
            byte[] encoded;
            try {
              encoded = codec.encode(message);
            } catch (MalformedMessageException refused) {
              assertThat(refused.getMessage())
                  .as(() -> where(seed, caseNumber, "refusal"))
                  .isNotBlank();
              continue;
            }
            try {
              assertThat(codec.decode(encoded))
                  .as(() -> where(seed, caseNumber, "round trip of %s", message))
                  .isEqualTo(message);
            } catch (MalformedMessageException e) {
              fail(where(seed, caseNumber, "%s was encoded but cannot be decoded", message), e);
            }
            roundTrips[0]++;
          }
        });
    // Most drawn messages are valid, so the round trip itself is exercised.
    assertThat(roundTrips[0])
        .as("seed %d: messages that made the round trip", seed)
        .isGreaterThan(CASES / 4);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 20261129})
  void randomBytesAreRejectedAsMalformed(long seed) {
    var random = new SplittableRandom(seed);
    Set<Problem> plausible =
        EnumSet.of(Problem.EMPTY, Problem.NOT_JSON, Problem.NOT_AN_OBJECT, Problem.MISSING_FIELD);
    withinTimeLimit(
        () -> {
          for (int i = 0; i < CASES; i++) {
            byte[] input = new byte[random.nextInt(1, 200)];
            random.nextBytes(input);
            expectMalformed(seed, i, input, plausible, null);
          }
        });
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 20261129})
  void randomJsonLikeTokenSoupIsRejectedAsMalformed(long seed) {
    var random = new SplittableRandom(seed);
    String[] tokens = {
      "{",
      "}",
      "[",
      "]",
      ":",
      ",",
      "\"v\"",
      "1",
      "\"",
      "null",
      "true",
      "-",
      "1e999",
      "0.5",
      " ",
      "\\u00",
      "\"id\"",
      "\"args\""
    };
    Set<Problem> any = EnumSet.allOf(Problem.class);
    withinTimeLimit(
        () -> {
          for (int i = 0; i < CASES; i++) {
            StringBuilder soup = new StringBuilder();
            int length = random.nextInt(1, 40);
            for (int t = 0; t < length; t++) {
              soup.append(tokens[random.nextInt(tokens.length)]);
            }
            expectMalformed(seed, i, soup.toString().getBytes(UTF_8), any, null);
          }
        });
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 20261129})
  void envelopeTruncatedAtAnyPositionIsNotJson(long seed) {
    var random = new SplittableRandom(seed);
    var messages = new RandomTaskMessages(random);
    withinTimeLimit(
        () -> {
          // Every cut of a few envelopes, then random cuts of many more.
          for (int m = 0; m < 3; m++) {
            byte[] envelope = codec.encode(messages.message());
            for (int cut = 1; cut < envelope.length; cut++) {
              expectMalformed(seed, m * 100_000 + cut, prefix(envelope, cut), Problem.NOT_JSON);
            }
          }
          for (int i = 0; i < CASES; i++) {
            byte[] envelope = codec.encode(messages.message());
            expectMalformed(
                seed, i, prefix(envelope, random.nextInt(1, envelope.length)), Problem.NOT_JSON);
          }
        });
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 20261129})
  void envelopeMissingARequiredFieldNamesIt(long seed) {
    var messages = new RandomTaskMessages(new SplittableRandom(seed));
    withinTimeLimit(
        () -> {
          for (int i = 0; i < CASES; i++) {
            ObjectNode envelope = tree(codec.encode(messages.message()));
            String field = messages.oneOf(REQUIRED.toArray(String[]::new));
            envelope.remove(field);
            expectMalformed(seed, i, write(envelope), EnumSet.of(Problem.MISSING_FIELD), field);
          }
        });
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 20261129})
  void envelopeMissingAnOptionalFieldDecodesWithItsDefault(long seed) {
    var messages = new RandomTaskMessages(new SplittableRandom(seed));
    withinTimeLimit(
        () -> {
          for (int i = 0; i < CASES; i++) {
            int caseNumber = i;
            TaskMessage message = messages.message();
            ObjectNode envelope = tree(codec.encode(message));
            String field = messages.oneOf(OPTIONAL.toArray(String[]::new));
            envelope.remove(field);
            TaskMessage decoded = codec.decode(write(envelope));
            assertThat(decoded)
                .as(() -> where(seed, caseNumber, "%s without %s", message, field))
                .isEqualTo(withDefault(message, field));
          }
        });
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 20261129})
  void fieldOfTheWrongJsonTypeIsNamed(long seed) {
    var random = new SplittableRandom(seed);
    var messages = new RandomTaskMessages(random);
    Map<String, List<String>> wrongValues =
        Map.ofEntries(
            Map.entry("v", List.of("\"1\"", "1.5", "true", "[1]", "{}")),
            Map.entry("id", List.of("1", "true", "[]", "{\"id\":1}")),
            Map.entry("task", List.of("1", "false", "[\"t\"]", "{}")),
            Map.entry("args", List.of("\"[]\"", "1", "{}", "true")),
            Map.entry("queue", List.of("2", "true", "[]", "{}")),
            Map.entry("attempt", List.of("\"1\"", "1.0", "false", "[]", "{}")),
            Map.entry("eta", List.of("1700000000", "true", "[]", "{}")),
            Map.entry("expires", List.of("0", "false", "[\"x\"]", "{}")),
            Map.entry("priority", List.of("\"5\"", "5.5", "true", "[]", "{}")),
            Map.entry("timeoutMs", List.of("\"30s\"", "1.5", "true", "[]", "{}")),
            Map.entry("headers", List.of("\"h\"", "1", "true", "[]")),
            Map.entry("submittedAt", List.of("1", "true", "[]", "{}")));
    String[] fields = wrongValues.keySet().stream().sorted().toArray(String[]::new);
    withinTimeLimit(
        () -> {
          for (int i = 0; i < CASES; i++) {
            ObjectNode envelope = tree(codec.encode(messages.message()));
            String field = messages.oneOf(fields);
            List<String> values = wrongValues.get(field);
            envelope.set(field, parse(values.get(random.nextInt(values.size()))));
            expectMalformed(seed, i, write(envelope), EnumSet.of(Problem.WRONG_TYPE), field);
          }
        });
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 20261129})
  void headerOfTheWrongJsonTypeIsNamedWithItsKey(long seed) {
    var messages = new RandomTaskMessages(new SplittableRandom(seed));
    withinTimeLimit(
        () -> {
          for (int i = 0; i < CASES; i++) {
            ObjectNode envelope = tree(codec.encode(messages.message()));
            String key = messages.key();
            ((ObjectNode) envelope.get("headers"))
                .set(key, parse(messages.oneOf("1", "true", "[]", "{}")));
            expectMalformed(
                seed, i, write(envelope), EnumSet.of(Problem.WRONG_TYPE), "headers." + key);
          }
        });
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 20261129})
  void unsupportedVersionIsRejectedWhateverTheRestOfTheEnvelope(long seed) {
    var random = new SplittableRandom(seed);
    var messages = new RandomTaskMessages(random);
    String[] versions = {"0", "2", "-1", "3", "2147483647", "-2147483648", "9223372036854775808"};
    withinTimeLimit(
        () -> {
          for (int i = 0; i < CASES; i++) {
            ObjectNode envelope = tree(codec.encode(messages.message()));
            String version =
                random.nextBoolean()
                    ? versions[random.nextInt(versions.length)]
                    : Long.toString(random.nextLong(2, Long.MAX_VALUE));
            envelope.set("v", parse(version));
            expectMalformed(seed, i, write(envelope), EnumSet.of(Problem.UNSUPPORTED_VERSION), "v");
          }
        });
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 20261129})
  void oversizedMessagesAreRefusedBothWays(long seed) {
    var random = new SplittableRandom(seed);
    var messages = new RandomTaskMessages(random);
    TaskMessageCodec small = new TaskMessageCodec(1024);
    withinTimeLimit(
        () -> {
          for (int i = 0; i < CASES; i++) {
            int caseNumber = i;
            TaskMessage message = messages.message();
            var args = message.args().deepCopy().add("x".repeat(random.nextInt(1024, 4096)));
            TaskMessage big =
                new TaskMessage(
                    message.version(),
                    message.id(),
                    message.task(),
                    args,
                    message.queue(),
                    message.attempt(),
                    message.eta(),
                    message.expires(),
                    message.priority(),
                    message.timeout(),
                    message.headers(),
                    message.submittedAt());
            try {
              small.encode(big);
              fail(where(seed, i, "encoding %s should exceed a 1024-byte limit", big));
            } catch (MalformedMessageException e) {
              assertThat(e.problem())
                  .as(() -> where(seed, caseNumber, "encode"))
                  .isEqualTo(Problem.OVERSIZED);
              assertThat(e.field()).isEqualTo("args");
              assertThat(e.getMessage()).isNotBlank();
            }
            byte[] input = codec.encode(big);
            if (random.nextBoolean()) {
              // Garbage over the limit is refused for its size before anything parses it.
              random.nextBytes(input);
            }
            expectMalformed(seed, i, small, input, EnumSet.of(Problem.OVERSIZED), null);
          }
        });
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 20261129})
  void deeplyNestedInputIsRejectedWithoutOverflowingTheStack(long seed) {
    var random = new SplittableRandom(seed);
    withinTimeLimit(
        () -> {
          for (int i = 0; i < CASES / 10; i++) {
            int depth = random.nextInt(JsonMappers.MAX_NESTING_DEPTH + 1, 100_000);
            String open = random.nextBoolean() ? "[" : "{\"a\":";
            String envelopeWithDeepArgs =
                "{\"v\":1,\"args\":" + open.repeat(depth) + (random.nextBoolean() ? "1" : "");
            byte[] input =
                (random.nextBoolean() ? open.repeat(depth) : envelopeWithDeepArgs).getBytes(UTF_8);
            expectMalformed(seed, i, input, Problem.NOT_JSON);
          }
        });
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 20261129})
  void duplicateKeysAnywhereAreRejected(long seed) {
    var random = new SplittableRandom(seed);
    var messages = new RandomTaskMessages(random);
    withinTimeLimit(
        () -> {
          for (int i = 0; i < CASES; i++) {
            String envelope = new String(codec.encode(messages.asciiMessage()), UTF_8);
            String duplicated =
                switch (random.nextInt(3)) {
                  case 0 -> {
                    String field = messages.oneOf(REQUIRED.toArray(String[]::new));
                    String copy = "\"" + field + "\":" + tree(envelope).get(field) + ",";
                    yield "{" + copy + envelope.substring(1);
                  }
                  case 1 -> envelope.replace("\"headers\":{", "\"headers\":{\"trace\":\"x\",");
                  default -> envelope.replace("\"args\":[", "\"args\":[{\"k\":1,\"k\":2},");
                };
            expectMalformed(seed, i, duplicated.getBytes(UTF_8), Problem.NOT_JSON);
          }
        });
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 20261129})
  void trailingGarbageIsRejected(long seed) {
    var random = new SplittableRandom(seed);
    var messages = new RandomTaskMessages(random);
    String[] garbage = {
      "x", "{}", "[]", "1", "null", "\"s\"", "}", "]", ",", "\u0000", "{\"v\":1}"
    };
    withinTimeLimit(
        () -> {
          for (int i = 0; i < CASES; i++) {
            String whitespace = " \n\t\r".substring(random.nextInt(4));
            String input =
                new String(codec.encode(messages.message()), UTF_8)
                    + whitespace
                    + garbage[random.nextInt(garbage.length)];
            expectMalformed(seed, i, input.getBytes(UTF_8), Problem.NOT_JSON);
          }
        });
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 20261129})
  void bytesThatAreNotUtf8AreRejected(long seed) {
    var random = new SplittableRandom(seed);
    var messages = new RandomTaskMessages(random);
    byte[][] invalid = {
      {(byte) 0x80}, // a continuation byte with no lead byte
      {(byte) 0xBF},
      {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
      {(byte) 0xC1, (byte) 0x81},
      {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // overlong, three bytes
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // beyond U+10FFFF
      {(byte) 0xF5},
      {(byte) 0xFE},
      {(byte) 0xFF},
      {(byte) 0xC3}, // a lead byte cut short
      {(byte) 0xE2, (byte) 0x82},
      {0x00}
    };
    withinTimeLimit(
        () -> {
          for (int i = 0; i < CASES; i++) {
            byte[] envelope = codec.encode(messages.asciiMessage());
            // After the first byte, so the encoding detection always sees '{' and picks UTF-8.
            int at = random.nextInt(1, envelope.length);
            byte[] input = splice(envelope, at, invalid[random.nextInt(invalid.length)]);
            expectMalformed(seed, i, input, Problem.NOT_JSON);
          }
        });
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 20261129})
  void jsonValuesThatAreNotObjectsAreRejected(long seed) {
    var random = new SplittableRandom(seed);
    var messages = new RandomTaskMessages(random);
    withinTimeLimit(
        () -> {
          for (int i = 0; i < CASES; i++) {
            String envelope = new String(codec.encode(messages.message()), UTF_8);
            String input =
                switch (random.nextInt(6)) {
                  case 0 -> "null";
                  case 1 -> "[" + envelope + "]";
                  case 2 -> "[]";
                  case 3 -> Long.toString(random.nextLong());
                  case 4 -> random.nextBoolean() ? "true" : "false";
                  default ->
                      new String(
                          write(JsonMappers.standard().getNodeFactory().textNode(envelope)), UTF_8);
                };
            expectMalformed(seed, i, input.getBytes(UTF_8), Problem.NOT_AN_OBJECT);
          }
        });
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 20261129})
  void emptyOrBlankInputIsEmpty(long seed) {
    var random = new SplittableRandom(seed);
    withinTimeLimit(
        () -> {
          for (int i = 0; i < CASES; i++) {
            StringBuilder blank = new StringBuilder();
            int length = random.nextInt(0, 50);
            for (int c = 0; c < length; c++) {
              blank.append(" \t\r\n".charAt(random.nextInt(4)));
            }
            expectMalformed(seed, i, blank.toString().getBytes(UTF_8), Problem.EMPTY);
          }
        });
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 20261129})
  void unknownExtraFieldsAreIgnored(long seed) {
    var random = new SplittableRandom(seed);
    var messages = new RandomTaskMessages(random);
    withinTimeLimit(
        () -> {
          for (int i = 0; i < CASES; i++) {
            int caseNumber = i;
            TaskMessage message = messages.message();
            ObjectNode envelope = tree(codec.encode(message));
            int extra = random.nextInt(1, 4);
            for (int e = 0; e < extra; e++) {
              String name = "x-" + messages.key();
              envelope.set(name, messages.args());
            }
            assertThat(codec.decode(write(envelope)))
                .as(() -> where(seed, caseNumber, "%s with extra fields", envelope))
                .isEqualTo(message);
          }
        });
  }

  private static boolean rarely(SplittableRandom random) {
    return random.nextInt(5) == 0;
  }

  private void expectMalformed(long seed, int i, byte[] input, Problem problem) {
    expectMalformed(seed, i, codec, input, EnumSet.of(problem), null);
  }

  private void expectMalformed(
      long seed, int i, byte[] input, Set<Problem> problems, @Nullable String field) {
    expectMalformed(seed, i, codec, input, problems, field);
  }

  /**
   * Decodes {@code input} and checks it fails with one of {@code problems}; a non-null {@code
   * field} must be the one named, and a problem not about one field must name none.
   */
  private static void expectMalformed(
      long seed,
      int i,
      TaskMessageCodec codec,
      byte[] input,
      Set<Problem> problems,
      @Nullable String field) {
    TaskMessage decoded;
    try {
      decoded = codec.decode(input);
    } catch (MalformedMessageException e) {
      boolean aboutOneField =
          !EnumSet.of(Problem.EMPTY, Problem.OVERSIZED, Problem.NOT_JSON, Problem.NOT_AN_OBJECT)
              .contains(e.problem());
      boolean expected =
          problems.contains(e.problem())
              && e.getMessage() != null
              && !e.getMessage().isBlank()
              && (field == null || field.equals(e.field()))
              && (e.field() != null) == aboutOneField;
      if (!expected) {
        fail(
            where(
                seed,
                i,
                "decoding %s should fail with %s%s, a message, and a field only for a field's"
                    + " problem; got %s (field %s)",
                show(input),
                problems,
                field == null ? "" : " on field " + field,
                e,
                e.field()),
            e);
      }
      return;
    } catch (RuntimeException | Error e) {
      throw new AssertionError(
          where(
              seed, i, "decoding %s threw %s instead of MalformedMessageException", show(input), e),
          e);
    }
    fail(
        where(
            seed,
            i,
            "decoding %s should fail with %s but gave %s",
            show(input),
            problems,
            decoded));
  }

  private static void withinTimeLimit(Executable body) {
    assertTimeoutPreemptively(NO_HANG, body);
  }

  private static String where(long seed, int i, String format, Object... args) {
    return "seed " + seed + ", case " + i + ": " + String.format(format, args);
  }

  private static String show(byte[] input) {
    byte[] head = input.length > 300 ? prefix(input, 300) : input;
    String text = new String(head, UTF_8);
    return (input.length > 300 ? "(" + input.length + " bytes, first 300) " : "")
        + text
        + " [hex "
        + HexFormat.of().formatHex(head)
        + "]";
  }

  private static TaskMessage withDefault(TaskMessage m, String field) {
    return new TaskMessage(
        m.version(),
        m.id(),
        m.task(),
        m.args(),
        m.queue(),
        m.attempt(),
        field.equals("eta") ? null : m.eta(),
        field.equals("expires") ? null : m.expires(),
        field.equals("priority") ? 0 : m.priority(),
        field.equals("timeoutMs") ? null : m.timeout(),
        field.equals("headers") ? Map.of() : m.headers(),
        m.submittedAt());
  }

  private static byte[] prefix(byte[] bytes, int length) {
    byte[] out = new byte[length];
    System.arraycopy(bytes, 0, out, 0, length);
    return out;
  }

  private static byte[] splice(byte[] bytes, int at, byte[] inserted) {
    var out = new ByteArrayOutputStream();
    out.write(bytes, 0, at);
    out.writeBytes(inserted);
    out.write(bytes, at, bytes.length - at);
    return out.toByteArray();
  }

  private static ObjectNode tree(byte[] bytes) {
    try {
      return (ObjectNode) JsonMappers.standard().readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode tree(String text) {
    return tree(text.getBytes(UTF_8));
  }

  private static JsonNode parse(String json) {
    try {
      return JsonMappers.standard().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] write(JsonNode node) {
    try {
      return JsonMappers.standard().writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
