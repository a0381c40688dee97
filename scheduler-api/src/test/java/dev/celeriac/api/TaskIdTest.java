package dev.celeriac.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskIdTest {
  private static final Instant NOW = Instant.parse("2026-11-29T01:02:03.456Z");

  @Test
  void generatedIdIsAVersion7UuidWithTheRfcVariant() {
    UUID value = TaskId.generate(InstantSource.fixed(NOW)).value();

    assertThat(value.version()).isEqualTo(7);
    assertThat(value.variant()).isEqualTo(2);
  }

  @Test
  void generatedIdCarriesTheClockMillisecondsInItsFirst48Bits() {
    UUID value = TaskId.generate(InstantSource.fixed(NOW)).value();

    assertThat(value.getMostSignificantBits() >>> 16).isEqualTo(NOW.toEpochMilli());
    assertThat(value.toString()).startsWith(String.format("%08x", NOW.toEpochMilli() >>> 16));
  }

  @Test
  void idsFromLaterMillisecondsSortLaterAsValuesAndAsText() {
    List<TaskId> inOrder = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      inOrder.add(TaskId.generate(InstantSource.fixed(NOW.plusMillis(i * 7L))));
    }
    List<TaskId> shuffled = new ArrayList<>(inOrder);
    Collections.shuffle(shuffled, new java.util.Random(3));

    Collections.sort(shuffled);

    assertThat(shuffled).containsExactlyElementsOf(inOrder);
    assertThat(inOrder.stream().map(TaskId::toString).sorted().toList())
        .containsExactlyElementsOf(inOrder.stream().map(TaskId::toString).toList());
  }

  @Test
  void idsFromTheSameMillisecondDifferButShareTheirTimestamp() {
    InstantSource clock = InstantSource.fixed(NOW);
    Set<TaskId> ids = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      ids.add(TaskId.generate(clock));
    }

    assertThat(ids).hasSize(1_000);
    assertThat(ids)
        .allSatisfy(
            id ->
                assertThat(id.value().getMostSignificantBits() >>> 16)
                    .isEqualTo(NOW.toEpochMilli()));
  }

  @Test
  void idFromTheSystemClockCarriesTheCurrentTime() {
    long before = System.currentTimeMillis();
    TaskId id = TaskId.generate();
    long after = System.currentTimeMillis();

    assertThat(id.value().getMostSignificantBits() >>> 16).isBetween(before, after);
  }

  @Test
  void textFormRoundTrips() {
    TaskId id = TaskId.generate(InstantSource.fixed(NOW));

    assertThat(TaskId.parse(id.toString())).isEqualTo(id);
    assertThat(id.toString()).isEqualTo(id.value().toString());
  }

  @Test
  void parseAcceptsUpperCaseAndAnyUuidVersion() {
    String random = UUID.randomUUID().toString();

    assertThat(TaskId.parse(random.toUpperCase()).toString()).isEqualTo(random);
    assertThat(TaskId.parse(random).value().version()).isEqualTo(4);
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "0190d7a8-1c2b-7d3e-8f40-123456789abg",
        "+190d7a8-1c2b-7d3e-8f40-123456789abc",
        "0190d7a8+1c2b-7d3e-8f40-123456789abc",
        "0190d7a81-c2b-7d3e-8f40-123456789abc",
        "0190d7a8-1c2b-7d3e-8f40-123456789ab ",
        " 190d7a8-1c2b-7d3e-8f40-123456789abc",
        "0190d7a8-1c2b-7d3e-8f40-12345678٩abc",
        "------------------------------------",
        "0x90d7a8-1c2b-7d3e-8f40-123456789abc",
      })
  void parseRejectsAnythingButHexGroupsOfEightFourFourFourTwelve(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TaskId.parse(text))
        .withMessageContaining("UUID")
        .withMessageContaining(text);
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "",
        "abc",
        "0190d7a81c2b7d3e8f40123456789abc",
        "{0190d7a8-1c2b-7d3e-8f40-123456789abc}"
      })
  void parseRejectsTextOfTheWrongLengthNamingIt(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TaskId.parse(text))
        .withMessage("A task id is a 36-character UUID, got: " + text);
  }

  @Test
  void parseAbbreviatesVeryLongTextInItsMessage() {
    String text = "x".repeat(10_000);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> TaskId.parse(text))
        .withMessage("A task id is a 36-character UUID, got: " + "x".repeat(64) + "…");
  }

  @Test
  void nullIsRejectedByName() {
    assertThatNullPointerException().isThrownBy(() -> TaskId.parse(null)).withMessage("text");
    assertThatNullPointerException().isThrownBy(() -> new TaskId(null)).withMessage("value");
  }
}
