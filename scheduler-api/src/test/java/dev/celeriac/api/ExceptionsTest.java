package dev.celeriac.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.api.MalformedMessageException.Problem;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExceptionsTest {
  private static final TaskId ID = TaskId.parse("0190d7a8-1c2b-7d3e-8f40-123456789abc");

  @Test
  void failedTaskCarriesStateAndFailureAndSummarisesThem() {
    FailureInfo failure = FailureInfo.reason("java.io.IOException", "disk full");

    TaskFailedException e = new TaskFailedException(ID, TaskState.FAILED, failure);

    assertThat(e).isInstanceOf(CeleriacException.class);
    assertThat(e.taskId()).isEqualTo(ID);
    assertThat(e.state()).isEqualTo(TaskState.FAILED);
    assertThat(e.failure()).isEqualTo(failure);
    assertThat(e).hasMessage("task " + ID + " ended FAILED: java.io.IOException: disk full");
    assertThat(new TaskFailedException(ID, TaskState.REVOKED, null))
        .hasMessage("task " + ID + " ended REVOKED");
  }

  @Test
  void resultTimeoutSaysHowLongItWaitedAndWhereTheTaskWas() {
    ResultTimeoutException e =
        new ResultTimeoutException(ID, Duration.ofSeconds(5), TaskState.STARTED);

    assertThat(e.taskId()).isEqualTo(ID);
    assertThat(e.lastSeenState()).isEqualTo(TaskState.STARTED);
    assertThat(e).hasMessage("task " + ID + " did not finish within PT5S; it is STARTED");
  }

  @Test
  void unknownIdAndFailedSubmissionNameTheTask() {
    var cause = new IOException("connection refused");

    assertThat(new UnknownTaskIdException(ID).taskId()).isEqualTo(ID);
    assertThat(new UnknownTaskIdException(ID)).hasMessage("no task with id " + ID);
    SubmitException submit = new SubmitException(ID, "submitting t failed", cause);
    assertThat(submit.taskId()).isEqualTo(ID);
    assertThat(submit).hasMessage("submitting t failed").hasCause(cause);
  }

  @Test
  void malformedMessageCarriesProblemAndField() {
    var cause = new IllegalArgumentException("x");

    MalformedMessageException withField =
        new MalformedMessageException(Problem.WRONG_TYPE, "v", "field 'v' must be an integer");
    MalformedMessageException withCause =
        new MalformedMessageException(Problem.NOT_JSON, null, "not JSON", cause);

    assertThat(withField.problem()).isEqualTo(Problem.WRONG_TYPE);
    assertThat(withField.field()).isEqualTo("v");
    assertThat(withCause.field()).isNull();
    assertThat(withCause).hasCause(cause).isInstanceOf(CeleriacException.class);
  }
}
