package dev.celeriac.api.internal;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one Jackson configuration Celeriac uses for envelopes, arguments and results. */
public final class JsonMappers {
  private static final JsonMapper STANDARD = newStandard();

  private JsonMappers() {}

  /**
   * A shared mapper: ISO-8601 instants, unknown properties ignored, duplicate keys and trailing
   * tokens rejected, nesting bounded. Thread-safe; do not reconfigure it.
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
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
    return mapper;
  }
}
