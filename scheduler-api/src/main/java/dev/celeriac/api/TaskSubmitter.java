package dev.celeriac.api;

/**
 * Type-safe submission through method references to {@link Task} methods: {@code
 * submitter.submit(Emails::send, to, body)}. Every overload returns once the submission is durable
 * and throws {@link SubmitException} otherwise (see {@link TaskClient}). Arguments that Jackson
 * cannot encode fail with {@link IllegalArgumentException}, and a message over the codec's size
 * limit with {@link MalformedMessageException} ({@link MalformedMessageException.Problem#OVERSIZED
 * OVERSIZED}), before anything is sent or stored.
 */
public interface TaskSubmitter {

  /**
   * The untyped form every {@code submit} overload delegates to: submits the {@link Task} method
   * that {@code task} refers to with {@code args}.
   *
   * @throws IllegalArgumentException if {@code task} is not a method reference to a {@code @Task}
   *     method, or {@code args} do not fit its parameters
   */
  <R> TaskHandle<R> submitRef(TaskRef task, Object... args);

  /** Submits a task that returns a result. */
  default <T, R> TaskHandle<R> submit(TaskRef.Fn0<T, R> task) {
    return submitRef(task);
  }

  /** Submits a task that returns a result with 1 argument. */
  default <T, A, R> TaskHandle<R> submit(TaskRef.Fn1<T, A, R> task, A a) {
    return submitRef(task, a);
  }

  /** Submits a task that returns a result with 2 arguments. */
  default <T, A, B, R> TaskHandle<R> submit(TaskRef.Fn2<T, A, B, R> task, A a, B b) {
    return submitRef(task, a, b);
  }

  /** Submits a task that returns a result with 3 arguments. */
  default <T, A, B, C, R> TaskHandle<R> submit(TaskRef.Fn3<T, A, B, C, R> task, A a, B b, C c) {
    return submitRef(task, a, b, c);
  }

  /** Submits a task that returns a result with 4 arguments. */
  default <T, A, B, C, D, R> TaskHandle<R> submit(
      TaskRef.Fn4<T, A, B, C, D, R> task, A a, B b, C c, D d) {
    return submitRef(task, a, b, c, d);
  }

  /** Submits a task without a result. */
  default <T> TaskHandle<Void> submit(TaskRef.Proc0<T> task) {
    return submitRef(task);
  }

  /** Submits a task without a result with 1 argument. */
  default <T, A> TaskHandle<Void> submit(TaskRef.Proc1<T, A> task, A a) {
    return submitRef(task, a);
  }

  /** Submits a task without a result with 2 arguments. */
  default <T, A, B> TaskHandle<Void> submit(TaskRef.Proc2<T, A, B> task, A a, B b) {
    return submitRef(task, a, b);
  }

  /** Submits a task without a result with 3 arguments. */
  default <T, A, B, C> TaskHandle<Void> submit(TaskRef.Proc3<T, A, B, C> task, A a, B b, C c) {
    return submitRef(task, a, b, c);
  }

  /** Submits a task without a result with 4 arguments. */
  default <T, A, B, C, D> TaskHandle<Void> submit(
      TaskRef.Proc4<T, A, B, C, D> task, A a, B b, C c, D d) {
    return submitRef(task, a, b, c, d);
  }
}
