package dev.celeriac.api;

import java.io.Serializable;

/**
 * Method references to {@link Task} methods, the type-safe way to submit: {@code
 * client.submit(Emails::send, to, body)}. The reference is never invoked on the client; its
 * {@code @Task} annotation gives the task's name and options, and its parameter types check the
 * arguments at compile time. {@code Fn}s return a result, {@code Proc}s return nothing.
 *
 * <p>Only method references to public instance methods annotated with {@link Task} are accepted;
 * anything else is an {@link IllegalArgumentException} naming what was passed.
 */
public sealed interface TaskRef extends Serializable {
  /** A task method with no parameters that returns {@code R}. */
  @FunctionalInterface
  non-sealed interface Fn0<T, R> extends TaskRef {
    /** Not called by Celeriac on the client. */
    R call(T target) throws Exception;
  }

  /** A task method with one parameter that returns {@code R}. */
  @FunctionalInterface
  non-sealed interface Fn1<T, A, R> extends TaskRef {
    /** Not called by Celeriac on the client. */
    R call(T target, A a) throws Exception;
  }

  /** A task method with two parameters that returns {@code R}. */
  @FunctionalInterface
  non-sealed interface Fn2<T, A, B, R> extends TaskRef {
    /** Not called by Celeriac on the client. */
    R call(T target, A a, B b) throws Exception;
  }

  /** A task method with three parameters that returns {@code R}. */
  @FunctionalInterface
  non-sealed interface Fn3<T, A, B, C, R> extends TaskRef {
    /** Not called by Celeriac on the client. */
    R call(T target, A a, B b, C c) throws Exception;
  }

  /** A task method with four parameters that returns {@code R}. */
  @FunctionalInterface
  non-sealed interface Fn4<T, A, B, C, D, R> extends TaskRef {
    /** Not called by Celeriac on the client. */
    R call(T target, A a, B b, C c, D d) throws Exception;
  }

  /** A task method with no parameters and no result. */
  @FunctionalInterface
  non-sealed interface Proc0<T> extends TaskRef {
    /** Not called by Celeriac on the client. */
    void call(T target) throws Exception;
  }

  /** A task method with one parameter and no result. */
  @FunctionalInterface
  non-sealed interface Proc1<T, A> extends TaskRef {
    /** Not called by Celeriac on the client. */
    void call(T target, A a) throws Exception;
  }

  /** A task method with two parameters and no result. */
  @FunctionalInterface
  non-sealed interface Proc2<T, A, B> extends TaskRef {
    /** Not called by Celeriac on the client. */
    void call(T target, A a, B b) throws Exception;
  }

  /** A task method with three parameters and no result. */
  @FunctionalInterface
  non-sealed interface Proc3<T, A, B, C> extends TaskRef {
    /** Not called by Celeriac on the client. */
    void call(T target, A a, B b, C c) throws Exception;
  }

  /** A task method with four parameters and no result. */
  @FunctionalInterface
  non-sealed interface Proc4<T, A, B, C, D> extends TaskRef {
    /** Not called by Celeriac on the client. */
    void call(T target, A a, B b, C c, D d) throws Exception;
  }
}
