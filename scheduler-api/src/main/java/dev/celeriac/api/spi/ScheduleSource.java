package dev.celeriac.api.spi;

/** Where a schedule was declared. */
public enum ScheduleSource {
  /**
   * In code, with {@link dev.celeriac.api.Scheduled @Scheduled} or a builder; upserted at start.
   */
  CODE,
  /** Through the API or the web console. */
  API
}
