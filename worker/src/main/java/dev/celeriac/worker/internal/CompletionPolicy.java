package dev.celeriac.worker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.TaskDefinition;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.TaskCompletion;
import dev.celeriac.worker.FailureReasons;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Decides what a finished attempt records: the encoded result, a retry, or a failure. A returned
 * value is encoded with Jackson (JSON null for void methods and null results); one Jackson cannot
 * encode fails the task without a retry, since rerunning gives the same value. A timeout is a
 * {@link TimeoutException} to the retry policy. Thread-safe.
 */
public final class CompletionPolicy {
  private final JsonMapper mapper;
  private final RetryDecider retries;

  /** A policy encoding results with {@code mapper} and deciding retries with {@code retries}. */
  public CompletionPolicy(JsonMapper mapper, RetryDecider retries) {
    this.mapper = mapper;
    this.retries = retries;
  }

  /**
   * The completion of {@code message}'s attempt that ended with {@code result} at {@code now}.
   *
   * @throws IllegalArgumentException for {@link AttemptResult.Interrupted}, which has no outcome
   */
  public TaskCompletion completionOf(
      TaskMessage message,
      TaskDefinition definition,
      AttemptResult result,
      Instant now,
      String workerId) {
    return switch (result) {
      case AttemptResult.Returned returned -> returned(message, returned.value(), now, workerId);
      case AttemptResult.Threw threw ->
          retries.afterFailure(
              message, definition.retryPolicy(), threw.error(), TaskState.RETRYING, now, workerId);
      case AttemptResult.TimedOut timedOut ->
          retries.afterFailure(
              message,
              definition.retryPolicy(),
              timeoutError(message, timedOut),
              TaskState.TIMED_OUT,
              now,
              workerId);
      case AttemptResult.Revoked revoked ->
          TaskCompletion.failed(
              message.id(),
              message.attempt(),
              TaskState.REVOKED,
              FailureInfo.reason(
                  FailureReasons.REVOKED,
                  "attempt "
                      + message.attempt()
                      + " of task '"
                      + message.task()
                      + "' was revoked with terminate and interrupted on worker "
                      + workerId),
              now,
              workerId,
              null);
      case AttemptResult.Interrupted interrupted ->
          throw new IllegalArgumentException("an interrupted attempt has no completion");
    };
  }

  private TaskCompletion returned(
      TaskMessage message, @Nullable Object value, Instant now, String workerId) {
    JsonNode encoded;
    try {
      encoded = value == null ? NullNode.getInstance() : mapper.valueToTree(value);
    } catch (IllegalArgumentException e) {
      var failure =
          new FailureInfo(
              FailureReasons.UNENCODABLE_RESULT,
              "task '"
                  + message.task()
                  + "' returned a "
                  + value.getClass().getName()
                  + " that cannot be encoded as JSON: "
                  + e.getMessage(),
              FailureInfo.of(e).stackTrace());
      return TaskCompletion.failed(
          message.id(), message.attempt(), TaskState.FAILED, failure, now, workerId, null);
    }
    return TaskCompletion.succeeded(message.id(), message.attempt(), encoded, now, workerId);
  }

  private static TimeoutException timeoutError(
      TaskMessage message, AttemptResult.TimedOut timedOut) {
    var error =
        new TimeoutException(
            "attempt "
                + message.attempt()
                + " of task '"
                + message.task()
                + "' exceeded its timeout of "
                + timedOut.timeout()
                + " and was interrupted");
    // Where the task was stuck tells an operator more than where the worker noticed.
    error.setStackTrace(timedOut.stuckAt());
    return error;
  }
}
