package dev.celeriac.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.celeriac.api.MalformedMessageException.Problem;
import dev.celeriac.api.internal.JsonMappers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaskMessageCodecTest {
  private static final TaskId ID = TaskId.parse("0190d7a8-1c2b-7d3e-8f40-123456789abc");
  private static final Instant SUBMITTED = Instant.parse("2026-11-29T01:02:03.456789Z");

  private final TaskMessageCodec codec = new TaskMessageCodec();

  @Test
  void messageWithEveryFieldSetSurvivesARoundTrip() throws Exception {
    TaskMessage message =
        new TaskMessage(
            1,
            ID,
            "emails.send",
            json("[\"a@b.c\", {\"nested\": [1, 2.5, null, true, {\"deep\": [\"x\"]}]}, 12345678901]")
                .deepCopy(),
            "emails",
            3,
            SUBMITTED.plusSeconds(60),
            SUBMITTED.plusSeconds(3600),
            7,
            Duration.ofSeconds(30),
            Map.of("traceparent", "00-abc-def-01", "root-id", ID.toString()),
            SUBMITTED);

    assertThat(codec.decode(codec.encode(message))).isEqualTo(message);
  }

  @Test
  void encodingWritesTheDocumentedWireFormat() throws Exception {
    TaskMessage message =
        new TaskMessage(
            1,
            ID,
            "emails.send",
            (ArrayNode) json("[\"a@b.c\"]"),
            "emails",
            2,
            Instant.parse("2026-11-29T02:00:00Z"),
            Instant.parse("2026-11-29T03:00:00Z"),
            4,
            Duration.ofMillis(1500),
            Map.of("k", "v"),
            SUBMITTED);

    assertThat(json(new String(codec.encode(message), UTF_8)))
        .isEqualTo(
            json(
                """
                {"v": 1, "id": "0190d7a8-1c2b-7d3e-8f40-123456789abc", "task": "emails.send",
                 "args": ["a@b.c"], "queue": "emails", "attempt": 2,
                 "eta": "2026-11-29T02:00:00Z", "expires": "2026-11-29T03:00:00Z", "priority": 4,
                 "timeoutMs": 1500, "headers": {"k": "v"},
                 "submittedAt": "2026-11-29T01:02:03.456789Z"}
                """));
  }

  @Test
  void absentOptionalFieldsAreLeftOutAndDecodeAsAbsent() throws Exception {
    TaskMessage message = minimal();

    byte[] encoded = codec.encode(message);

    assertThat(json(new String(encoded, UTF_8)).properties())
        .extracting(Map.Entry::getKey)
        .doesNotContain("eta", "expires", "timeoutMs");
    TaskMessage decoded = codec.decode(encoded);
    assertThat(decoded).isEqualTo(message);
    assertThat(decoded.eta()).isNull();
    assertThat(decoded.expires()).isNull();
    assertThat(decoded.timeout()).isNull();
  }

  @Test
  void unicodeInNamesArgumentsAndHeadersSurvivesARoundTrip() {
    String everything = "ünï©ødé 中文 😀 \u0000\u001f \"quoted\" back\\slash \uD800 lone";
    TaskMessage message =
        new TaskMessage(
            1,
            ID,
            "tâche.😀",
            JsonMappers.standard().createArrayNode().add(everything),
            "файлы",
            1,
            null,
            null,
            0,
            null,
            Map.of("clé 😀", everything),
            SUBMITTED);

    assertThat(codec.decode(codec.encode(message))).isEqualTo(message);
  }

  @Test
  void envelopeWithOnlyTheRequiredFieldsDecodesWithDefaults() {
    TaskMessage decoded =
        codec.decode(
            bytes(
                """
                {"v":1,"id":"0190d7a8-1c2b-7d3e-8f40-123456789abc","task":"t","args":[],
                 "queue":"q","attempt":1,"submittedAt":"2026-11-29T01:02:03.456789Z"}
                """));

    assertThat(decoded.priority()).isZero();
    assertThat(decoded.headers()).isEmpty();
    assertThat(decoded.eta()).isNull();
    assertThat(decoded.expires()).isNull();
    assertThat(decoded.timeout()).isNull();
    assertThat(decoded.id()).isEqualTo(ID);
  }

  @Test
  void optionalFieldsSetToJsonNullCountAsAbsent() {
    TaskMessage decoded =
        codec.decode(
            bytes(
                """
                {"v":1,"id":"0190d7a8-1c2b-7d3e-8f40-123456789abc","task":"t","args":[],
                 "queue":"q","attempt":1,"eta":null,"expires":null,"priority":null,
                 "timeoutMs":null,"headers":null,"submittedAt":"2026-11-29T01:02:03Z"}
                """));

    assertThat(decoded.priority()).isZero();
    assertThat(decoded.headers()).isEmpty();
    assertThat(decoded.eta()).isNull();
    assertThat(decoded.timeout()).isNull();
  }

  @Test
  void unknownFieldsAreIgnored() throws Exception {
    TaskMessage message = minimal();
    ObjectNode envelope = (ObjectNode) json(new String(codec.encode(message), UTF_8));
    envelope.put("future", "field");
    envelope.putObject("traceContext").putArray("spans").add(1);
    envelope.putNull("nothing");

    assertThat(codec.decode(JsonMappers.standard().writeValueAsBytes(envelope))).isEqualTo(message);
  }

  static Stream<Arguments> malformedEnvelopes() {
    String id = "\"id\":\"0190d7a8-1c2b-7d3e-8f40-123456789abc\"";
    String rest =
        ",\"task\":\"t\",\"args\":[],\"queue\":\"q\",\"attempt\":1,\"submittedAt\":\"2026-11-29T01:02:03Z\"";
    String valid = "{\"v\":1," + id + rest + "}";
    return Stream.of(
        Arguments.of("", Problem.EMPTY, null),
        Arguments.of("   \n\t ", Problem.EMPTY, null),
        Arguments.of("null", Problem.NOT_AN_OBJECT, null),
        Arguments.of("[" + valid + "]", Problem.NOT_AN_OBJECT, null),
        Arguments.of("\"text\"", Problem.NOT_AN_OBJECT, null),
        Arguments.of("42", Problem.NOT_AN_OBJECT, null),
        Arguments.of("{", Problem.NOT_JSON, null),
        Arguments.of(valid + "x", Problem.NOT_JSON, null),
        Arguments.of(valid + valid, Problem.NOT_JSON, null),
        Arguments.of("{\"v\":1,\"v\":1," + id + rest + "}", Problem.NOT_JSON, null),
        Arguments.of("{'v':1}", Problem.NOT_JSON, null),
        Arguments.of("{\"v\":NaN}", Problem.NOT_JSON, null),
        Arguments.of("{\"v\":1 /* comment */}", Problem.NOT_JSON, null),
        Arguments.of("{}", Problem.MISSING_FIELD, "v"),
        Arguments.of("{\"v\":null}", Problem.MISSING_FIELD, "v"),
        Arguments.of("{\"v\":\"1\"}", Problem.WRONG_TYPE, "v"),
        Arguments.of("{\"v\":1.5}", Problem.WRONG_TYPE, "v"),
        Arguments.of("{\"v\":0}", Problem.UNSUPPORTED_VERSION, "v"),
        Arguments.of("{\"v\":2}", Problem.UNSUPPORTED_VERSION, "v"),
        Arguments.of("{\"v\":-1}", Problem.UNSUPPORTED_VERSION, "v"),
        Arguments.of("{\"v\":99999999999999999999999}", Problem.UNSUPPORTED_VERSION, "v"),
        Arguments.of("{\"v\":1" + rest + "}", Problem.MISSING_FIELD, "id"),
        Arguments.of("{\"v\":1,\"id\":7" + rest + "}", Problem.WRONG_TYPE, "id"),
        Arguments.of("{\"v\":1,\"id\":\"not-an-id\"" + rest + "}", Problem.INVALID_VALUE, "id"),
        Arguments.of(
            "{\"v\":1,\"id\":\"+0000000-0000-0000-0000-000000000000\"" + rest + "}",
            Problem.INVALID_VALUE,
            "id"),
        Arguments.of(
            valid.replace("\"task\":\"t\"", "\"task\":\"  \""), Problem.INVALID_VALUE, "task"),
        Arguments.of(
            valid.replace("\"task\":\"t\"", "\"task\":\"" + "t".repeat(201) + "\""),
            Problem.INVALID_VALUE,
            "task"),
        Arguments.of(valid.replace("\"args\":[]", "\"args\":{}"), Problem.WRONG_TYPE, "args"),
        Arguments.of(
            valid.replace("\"queue\":\"q\"", "\"queue\":\"\""), Problem.INVALID_VALUE, "queue"),
        Arguments.of(
            valid.replace("\"attempt\":1", "\"attempt\":0"), Problem.INVALID_VALUE, "attempt"),
        Arguments.of(
            valid.replace("\"attempt\":1", "\"attempt\":3000000000"),
            Problem.INVALID_VALUE,
            "attempt"),
        Arguments.of(valid.replace("}", ",\"priority\":10}"), Problem.INVALID_VALUE, "priority"),
        Arguments.of(valid.replace("}", ",\"priority\":-1}"), Problem.INVALID_VALUE, "priority"),
        Arguments.of(valid.replace("}", ",\"priority\":\"high\"}"), Problem.WRONG_TYPE, "priority"),
        Arguments.of(valid.replace("}", ",\"timeoutMs\":0}"), Problem.INVALID_VALUE, "timeoutMs"),
        Arguments.of(valid.replace("}", ",\"timeoutMs\":1e3}"), Problem.WRONG_TYPE, "timeoutMs"),
        Arguments.of(
            valid.replace("}", ",\"timeoutMs\":99999999999999999999}"),
            Problem.INVALID_VALUE,
            "timeoutMs"),
        Arguments.of(valid.replace("}", ",\"eta\":\"tomorrow\"}"), Problem.INVALID_VALUE, "eta"),
        Arguments.of(valid.replace("}", ",\"expires\":1700000000}"), Problem.WRONG_TYPE, "expires"),
        Arguments.of(valid.replace("}", ",\"headers\":[]}"), Problem.WRONG_TYPE, "headers"),
        Arguments.of(
            valid.replace("}", ",\"headers\":{\"a\":\"1\",\"b\":2}}"),
            Problem.WRONG_TYPE,
            "headers.b"),
        Arguments.of(
            valid.replace(",\"submittedAt\":\"2026-11-29T01:02:03Z\"", ""),
            Problem.MISSING_FIELD,
            "submittedAt"));
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @MethodSource("malformedEnvelopes")
  void malformedEnvelopeIsRejectedNamingTheProblemAndTheField(
      String text, Problem problem, @Nullable String field) {
    MalformedMessageException e =
        catchThrowableOfType(MalformedMessageException.class, () -> codec.decode(bytes(text)));

    assertThat(e).as("decoding %s", text).isNotNull();
    assertThat(e.problem()).isEqualTo(problem);
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.getMessage()).isNotBlank();
  }

  @Test
  void unsupportedVersionMessageSaysWhichVersionsAreKnown() {
    MalformedMessageException e =
        catchThrowableOfType(
            MalformedMessageException.class, () -> codec.decode(bytes("{\"v\":2}")));

    assertThat(e.getMessage()).contains("version 2").contains("reads version 1");
  }

  @Test
  void messageOfExactlyTheLimitIsEncodedAndDecodedButOneByteMoreIsNot() {
    TaskMessageCodec small = new TaskMessageCodec(512);
    int overhead = small.encode(withStringArgument("")).length;
    TaskMessage atLimit = withStringArgument("x".repeat(512 - overhead));
    TaskMessage overLimit = withStringArgument("x".repeat(513 - overhead));

    byte[] encoded = small.encode(atLimit);

    assertThat(encoded).hasSize(512);
    assertThat(small.decode(encoded)).isEqualTo(atLimit);
    MalformedMessageException encoding =
        catchThrowableOfType(MalformedMessageException.class, () -> small.encode(overLimit));
    assertThat(encoding.problem()).isEqualTo(Problem.OVERSIZED);
    assertThat(encoding.field()).isEqualTo("args");
    assertThat(encoding.getMessage()).contains("513 bytes").contains("limit of 512");
    MalformedMessageException decoding =
        catchThrowableOfType(
            MalformedMessageException.class,
            () -> small.decode(new TaskMessageCodec().encode(overLimit)));
    assertThat(decoding.problem()).isEqualTo(Problem.OVERSIZED);
    assertThat(decoding.field()).isNull();
  }

  @Test
  void argumentsNestedToTheReadLimitRoundTripButDeeperOnesAreRefusedWhenEncoding() {
    // The envelope object and the args array are the first two levels.
    TaskMessage deepest = withArguments(nestedArrays(JsonMappers.MAX_NESTING_DEPTH - 2));
    TaskMessage tooDeep = withArguments(nestedArrays(JsonMappers.MAX_NESTING_DEPTH - 1));

    assertThat(codec.decode(codec.encode(deepest))).isEqualTo(deepest);
    MalformedMessageException e =
        catchThrowableOfType(MalformedMessageException.class, () -> codec.encode(tooDeep));
    assertThat(e.problem()).isEqualTo(Problem.INVALID_VALUE);
    assertThat(e.field()).isEqualTo("args");
    assertThat(e.getMessage()).contains("nest");
  }

  @Test
  void keysWithAnUnpairedSurrogateAreRefusedWhenEncodingBecauseNoReaderAcceptsThem() {
    var nodes = JsonMappers.standard().getNodeFactory();
    ArrayNode argsWithBadKey = nodes.arrayNode();
    argsWithBadKey.addObject().putArray("list").addObject().put("bad\uDC00key", 1);
    TaskMessage badHeader =
        new TaskMessage(
            1,
            ID,
            "t",
            nodes.arrayNode(),
            "q",
            1,
            null,
            null,
            0,
            null,
            Map.of("\uD800", "v"),
            SUBMITTED);

    MalformedMessageException inArgs =
        catchThrowableOfType(
            MalformedMessageException.class, () -> codec.encode(withArguments(argsWithBadKey)));
    MalformedMessageException inHeaders =
        catchThrowableOfType(MalformedMessageException.class, () -> codec.encode(badHeader));

    assertThat(inArgs.problem()).isEqualTo(Problem.INVALID_VALUE);
    assertThat(inArgs.field()).isEqualTo("args");
    assertThat(inArgs.getMessage()).contains("unpaired surrogate");
    assertThat(inHeaders.field()).isEqualTo("headers");
  }

  @Test
  void keysWithSurrogatePairsAndValuesWithUnpairedSurrogatesRoundTrip() {
    var nodes = JsonMappers.standard().getNodeFactory();
    ArrayNode args = nodes.arrayNode();
    args.addObject().put("😀", "\uDC00 alone");
    TaskMessage message =
        new TaskMessage(
            1, ID, "t", args, "q", 1, null, null, 0, null, Map.of("😀", "\uD800"), SUBMITTED);

    assertThat(codec.decode(codec.encode(message))).isEqualTo(message);
  }

  @Test
  void aLimitBelow256BytesIsRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TaskMessageCodec(255))
        .withMessageContaining("maxBytes");
    assertThat(new TaskMessageCodec(256).maxBytes()).isEqualTo(256);
    assertThat(new TaskMessageCodec().maxBytes()).isEqualTo(TaskMessageCodec.DEFAULT_MAX_BYTES);
  }

  private static TaskMessage minimal() {
    return new TaskMessage(
        1,
        new TaskId(UUID.fromString("0190d7a8-1c2b-7d3e-8f40-123456789abc")),
        "t",
        JsonMappers.standard().createArrayNode(),
        "q",
        1,
        null,
        null,
        0,
        null,
        Map.of(),
        SUBMITTED);
  }

  private static TaskMessage withStringArgument(String value) {
    return withArguments(JsonMappers.standard().createArrayNode().add(value));
  }

  private static TaskMessage withArguments(ArrayNode args) {
    return new TaskMessage(1, ID, "t", args, "q", 1, null, null, 0, null, Map.of(), SUBMITTED);
  }

  /** An args array whose single element is {@code levels} arrays nested in each other. */
  private static ArrayNode nestedArrays(int levels) {
    ArrayNode args = JsonMappers.standard().createArrayNode();
    ArrayNode current = args;
    for (int i = 0; i < levels; i++) {
      current = current.addArray();
    }
    return args;
  }

  private static JsonNode json(String text) throws Exception {
    return JsonMappers.standard().readTree(text);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
