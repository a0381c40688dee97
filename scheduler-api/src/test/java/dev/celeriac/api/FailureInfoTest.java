package dev.celeriac.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FailureInfoTest {

  @Test
  void capturesTypeMessageAndTheWholeStackTrace() {
    var cause = new IOException("disk full");
    var error = new IllegalStateException("could not save", cause);
    error.addSuppressed(new RuntimeException("cleanup failed too"));

    FailureInfo info = FailureInfo.of(error);

    assertThat(info.type()).isEqualTo("java.lang.IllegalStateException");
    assertThat(info.message()).isEqualTo("could not save");
    assertThat(info.stackTrace())
        .startsWith("java.lang.IllegalStateException: could not save")
        .contains(
            "at " + FailureInfoTest.class.getName() + ".capturesTypeMessageAndTheWholeStackTrace")
        .contains("Caused by: java.io.IOException: disk full")
        .contains("Suppressed: java.lang.RuntimeException: cleanup failed too");
    assertThat(info.summary()).isEqualTo("java.lang.IllegalStateException: could not save");
  }

  @Test
  void exceptionWithoutAMessageHasANullMessageAndATypeOnlySummary() {
    FailureInfo info = FailureInfo.of(new NullPointerException());

    assertThat(info.message()).isNull();
    assertThat(info.summary()).isEqualTo("java.lang.NullPointerException");
  }

  @Test
  void capturesNestedAndAnonymousExceptionTypesByBinaryName() {
    FailureInfo nested = FailureInfo.of(new Nested("x"));
    FailureInfo anonymous = FailureInfo.of(new RuntimeException("y") {});

    assertThat(nested.type()).isEqualTo(FailureInfoTest.class.getName() + "$Nested");
    assertThat(anonymous.type()).startsWith(FailureInfoTest.class.getName() + "$");
  }

  @Test
  void survivesACauseCycle() {
    var first = new RuntimeException("first");
    var second = new RuntimeException("second", first);
    first.initCause(second);

    FailureInfo info = FailureInfo.of(first);

    assertThat(info.stackTrace()).contains("CIRCULAR REFERENCE");
  }

  @Test
  void reasonIsAFailureWithoutAStackTrace() {
    FailureInfo info = FailureInfo.reason("celeriac.UnknownTask", "no task named x.y");

    assertThat(info.stackTrace()).isEmpty();
    assertThat(info.summary()).isEqualTo("celeriac.UnknownTask: no task named x.y");
  }

  @Test
  void typeAndStackTraceAreRequired() {
    assertThatNullPointerException()
        .isThrownBy(() -> new FailureInfo(null, "m", ""))
        .withMessage("type");
    assertThatNullPointerException()
        .isThrownBy(() -> new FailureInfo("t", "m", null))
        .withMessage("stackTrace");
  }

  private static final class Nested extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Nested(String message) {
      super(message);
    }
  }
}
