package dev.celeriac.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The scenarios of issue 8, in the order a run measures them; {@code --scenario NAME} picks. */
enum Scenario {
  THROUGHPUT("throughput", "1. End-to-end throughput"),
  RAW("raw", "2. Raw limit (broker and database alone)"),
  LATENCY("latency", "3. Latency submit → result (open loop)"),
  SLEEPERS("sleepers", "4. Many sleeping tasks"),
  FOOTPRINT("footprint", "5. Worker footprint"),
  DELAYED("delayed", "6. Delayed dispatch precision"),
  CELERY("celery", "7. Celery on the same machine");

  private final String option;
  private final String title;

  Scenario(String option, String title) {
    this.option = option;
    this.title = title;
  }

  String option() {
    return option;
  }

  String title() {
    return title;
  }

  /**
   * The scenario named {@code name} on the command line.
   *
   * @throws IllegalArgumentException naming the scenarios there are
   */
  static Scenario parse(String name) {
    for (Scenario scenario : values()) {
      if (scenario.option.equals(name.toLowerCase(Locale.ROOT))) {
        return scenario;
      }
    }
    throw new IllegalArgumentException(
        "--scenario: no scenario '"
            + name
            + "'; there are "
            + Arrays.stream(values()).map(Scenario::option).collect(Collectors.joining(", ")));
  }
}
