package dev.celeriac.bench;

import java.nio.file.Path;

/**
 * What every scenario of a run shares: the options, the run's database, where output goes, and the
 * report being filled in.
 */
record BenchContext(BenchOptions options, BenchDatabase database, Path out, Report report) {

  Sizes sizes() {
    return options.sizes();
  }

  boolean runs(Scenario scenario) {
    return options.scenarios().contains(scenario);
  }
}
