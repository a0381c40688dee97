package dev.celeriac.console;

import dev.celeriac.api.Retry;
import dev.celeriac.api.Task;
import java.util.concurrent.atomic.AtomicBoolean;

/** The tasks the console tests submit, schedule and run on a worker. */
public class ConsoleTestTasks {
  /** While true, {@code console.flaky} fails; a test flips it to see a retry succeed. */
  public static final AtomicBoolean FLAKY_FAILS = new AtomicBoolean(true);

  /** Echoes its argument. */
  @Task(name = "console.echo")
  public String echo(String text) {
    return "echo: " + text;
  }

  /** Fails (once, no retries) while {@link #FLAKY_FAILS} is set, else succeeds. */
  @Task(name = "console.flaky", retry = @Retry(maxAttempts = 1))
  public String flaky(String text) {
    if (FLAKY_FAILS.get()) {
      throw new IllegalStateException("flaky task refused " + text);
    }
    return "done: " + text;
  }

  /** Sleeps {@code millis}, interruptibly: a running task for the revoke and terminate test. */
  @Task(name = "console.sleep")
  public void sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }
}
