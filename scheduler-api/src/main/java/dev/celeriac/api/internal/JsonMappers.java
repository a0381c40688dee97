package dev.celeriac.api.internal;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one Jackson configuration Celeriac uses for envelopes, arguments and results. */
public final class JsonMappers {
  /** The deepest nesting of arrays and objects the mapper reads or writes. */
  public static final int MAX_NESTING_DEPTH = 200;

  private static final JsonMapper STANDARD = newStandard();

  private JsonMappers() {}

  /**
   * A shared mapper: ISO-8601 instants, unknown properties ignored, duplicate keys and trailing
   * tokens rejected, nesting bounded to {@value #MAX_NESTING_DEPTH} levels both when reading and
   * when writing. Thread-safe; do not reconfigure it.
   */
  public static JsonMapper standard() {
    return STANDARD;
  }

  private static JsonMapper newStandard() {
    JsonMapper mapper =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
    // Writing no deeper than reading: whatever this mapper writes, it can read back.
    mapper
        .getFactory()
        .setStreamWriteConstraints(
            StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
    return mapper;
  }
}
