/**
 * The benchmark harness behind {@code bench/run} (issue 8): it starts what it measures (an embedded
 * Kafka, worker processes, a coordinator), runs the scenarios on each broker, and writes {@code
 * report.md} and {@code report.json}. {@link dev.celeriac.bench.BenchMain} is the entry point.
 */
@NullMarked
package dev.celeriac.bench;

import org.jspecify.annotations.NullMarked;
