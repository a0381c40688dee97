package dev.celeriac.store.postgres;

/**
 * Counters of the batching writer since the store started, for tests, metrics and the benchmark.
 * Many writes per committed batch is the point of group commit.
 *
 * @param batchesCommitted transactions committed by the writer
 * @param writesCommitted writes whose futures completed after a commit
 * @param batchesFailed transactions that failed and were rolled back
 * @param writesFailed writes whose futures completed exceptionally
 */
public record WriteStats(
    long batchesCommitted, long writesCommitted, long batchesFailed, long writesFailed) {

  /** Average writes per committed batch, or 0 before the first commit. */
  public double writesPerBatch() {
    return batchesCommitted == 0 ? 0 : (double) writesCommitted / batchesCommitted;
  }
}
