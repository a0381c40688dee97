package dev.celeriac.testing;

import dev.celeriac.api.Task;
import java.util.List;

/** Task methods of every arity the client tests submit; never run by these tests. */
public class SampleTasks {

  /** A result type the client converts stored JSON into. */
  public record Receipt(String id, int lines) {}

  @Task(name = "samples.fn0")
  public String fn0() {
    return "fn0";
  }

  @Task(name = "samples.fn1", queue = "emails", priority = 5, timeout = "30s", expires = "10m")
  public Integer fn1(int a) {
    return a;
  }

  @Task(name = "samples.fn2")
  public String fn2(String a, int b) {
    return a + b;
  }

  @Task(name = "samples.fn3")
  public List<Integer> fn3(int a, int b, int c) {
    return List.of(a, b, c);
  }

  @Task(name = "samples.fn4")
  public Receipt fn4(String a, String b, String c, int d) {
    return new Receipt(a + b + c, d);
  }

  @Task(name = "samples.proc0")
  public void proc0() {}

  @Task(name = "samples.proc1")
  public void proc1(String a) {}

  @Task(name = "samples.proc2")
  public void proc2(String a, long b) {}

  @Task(name = "samples.proc3")
  public void proc3(String a, long b, boolean c) {}

  @Task(name = "samples.proc4", queue = "reports")
  public void proc4(String a, long b, boolean c, List<String> d) {}

  @Task(name = "samples.anything")
  public void anything(Object value) {}
}
