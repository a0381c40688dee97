package dev.celeriac.coordinator;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The coordinator's timings and batch sizes; {@link #defaults()} suits production, and a {@link
 * Builder} changes single values.
 *
 * @param electionPath the ZooKeeper path of the leader latch; {@code /celeriac/coordinator}
 * @param sessionTimeout the ZooKeeper session timeout, which bounds how long a dead leader blocks a
 *     new one; 10 s
 * @param connectionTimeout the ZooKeeper connection timeout; 5 s
 * @param schedulePollInterval how often the leader looks for due schedules (edits through this
 *     process's {@link ScheduleManager} wake it at once); 250 ms
 * @param misfireThreshold fire times found later than this are missed and handled by the misfire
 *     policy; earlier ones always fire; 60 s
 * @param catchUpLimit the most missed fire times a catch-up schedule fires at once; 100
 * @param dispatchBatchSize delayed tasks claimed per dispatch; 500
 * @param dispatchLease how long a claimed delayed task is hidden from other dispatchers; 30 s
 * @param longestDispatchWait the longest the dispatcher sleeps without a signal, a safety net for
 *     lost notifications; 10 s
 * @param publishTimeout how long a publish may take before it is retried later; 10 s
 * @param reaperInterval how often expired tasks and silent workers are looked for; 15 s
 * @param heartbeatTimeout how long a worker may be silent before it is marked lost; 60 s
 * @param retention how long finished tasks are kept, or null to keep them for ever; 7 days
 * @param retentionInterval how often old tasks are deleted; 5 min
 * @param maintenanceBatchSize rows per expiry and retention batch; 1000
 */
public record CoordinatorSettings(
    String electionPath,
    Duration sessionTimeout,
    Duration connectionTimeout,
    Duration schedulePollInterval,
    Duration misfireThreshold,
    int catchUpLimit,
    int dispatchBatchSize,
    Duration dispatchLease,
    Duration longestDispatchWait,
    Duration publishTimeout,
    Duration reaperInterval,
    Duration heartbeatTimeout,
    @Nullable Duration retention,
    Duration retentionInterval,
    int maintenanceBatchSize) {

  /** Validates every value; each violation names the setting. */
  public CoordinatorSettings {
    requireNonNull(electionPath, "electionPath");
    if (!electionPath.startsWith("/") || electionPath.endsWith("/")) {
      throw new IllegalArgumentException(
          "electionPath must start and not end with '/', was '" + electionPath + "'");
    }
    positive(sessionTimeout, "sessionTimeout");
    positive(connectionTimeout, "connectionTimeout");
    positive(schedulePollInterval, "schedulePollInterval");
    requireNonNull(misfireThreshold, "misfireThreshold");
    if (misfireThreshold.isNegative()) {
      throw new IllegalArgumentException("misfireThreshold must not be negative");
    }
    positive(catchUpLimit, "catchUpLimit");
    positive(dispatchBatchSize, "dispatchBatchSize");
    positive(dispatchLease, "dispatchLease");
    positive(longestDispatchWait, "longestDispatchWait");
    positive(publishTimeout, "publishTimeout");
    positive(reaperInterval, "reaperInterval");
    positive(heartbeatTimeout, "heartbeatTimeout");
    if (retention != null) {
      positive(retention, "retention");
    }
    positive(retentionInterval, "retentionInterval");
    positive(maintenanceBatchSize, "maintenanceBatchSize");
  }

  /** The production defaults listed above. */
  public static CoordinatorSettings defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  private static void positive(Duration value, String name) {
    requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  private static void positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, was " + value);
    }
  }

  /** Changes single settings; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private String electionPath = "/celeriac/coordinator";
    private Duration sessionTimeout = Duration.ofSeconds(10);
    private Duration connectionTimeout = Duration.ofSeconds(5);
    private Duration schedulePollInterval = Duration.ofMillis(250);
    private Duration misfireThreshold = Duration.ofSeconds(60);
    private int catchUpLimit = 100;
    private int dispatchBatchSize = 500;
    private Duration dispatchLease = Duration.ofSeconds(30);
    private Duration longestDispatchWait = Duration.ofSeconds(10);
    private Duration publishTimeout = Duration.ofSeconds(10);
    private Duration reaperInterval = Duration.ofSeconds(15);
    private Duration heartbeatTimeout = Duration.ofSeconds(60);
    private @Nullable Duration retention = Duration.ofDays(7);
    private Duration retentionInterval = Duration.ofMinutes(5);
    private int maintenanceBatchSize = 1000;

    private Builder() {}

    /** See {@link CoordinatorSettings#electionPath()}. */
    public Builder electionPath(String value) {
      this.electionPath = value;
      return this;
    }

    /** See {@link CoordinatorSettings#sessionTimeout()}. */
    public Builder sessionTimeout(Duration value) {
      this.sessionTimeout = value;
      return this;
    }

    /** See {@link CoordinatorSettings#connectionTimeout()}. */
    public Builder connectionTimeout(Duration value) {
      this.connectionTimeout = value;
      return this;
    }

    /** See {@link CoordinatorSettings#schedulePollInterval()}. */
    public Builder schedulePollInterval(Duration value) {
      this.schedulePollInterval = value;
      return this;
    }

    /** See {@link CoordinatorSettings#misfireThreshold()}. */
    public Builder misfireThreshold(Duration value) {
      this.misfireThreshold = value;
      return this;
    }

    /** See {@link CoordinatorSettings#catchUpLimit()}. */
    public Builder catchUpLimit(int value) {
      this.catchUpLimit = value;
      return this;
    }

    /** See {@link CoordinatorSettings#dispatchBatchSize()}. */
    public Builder dispatchBatchSize(int value) {
      this.dispatchBatchSize = value;
      return this;
    }

    /** See {@link CoordinatorSettings#dispatchLease()}. */
    public Builder dispatchLease(Duration value) {
      this.dispatchLease = value;
      return this;
    }

    /** See {@link CoordinatorSettings#longestDispatchWait()}. */
    public Builder longestDispatchWait(Duration value) {
      this.longestDispatchWait = value;
      return this;
    }

    /** See {@link CoordinatorSettings#publishTimeout()}. */
    public Builder publishTimeout(Duration value) {
      this.publishTimeout = value;
      return this;
    }

    /** See {@link CoordinatorSettings#reaperInterval()}. */
    public Builder reaperInterval(Duration value) {
      this.reaperInterval = value;
      return this;
    }

    /** See {@link CoordinatorSettings#heartbeatTimeout()}. */
    public Builder heartbeatTimeout(Duration value) {
      this.heartbeatTimeout = value;
      return this;
    }

    /** See {@link CoordinatorSettings#retention()}; null keeps finished tasks for ever. */
    public Builder retention(@Nullable Duration value) {
      this.retention = value;
      return this;
    }

    /** See {@link CoordinatorSettings#retentionInterval()}. */
    public Builder retentionInterval(Duration value) {
      this.retentionInterval = value;
      return this;
    }

    /** See {@link CoordinatorSettings#maintenanceBatchSize()}. */
    public Builder maintenanceBatchSize(int value) {
      this.maintenanceBatchSize = value;
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException naming the first invalid setting
     */
    public CoordinatorSettings build() {
      return new CoordinatorSettings(
          electionPath,
          sessionTimeout,
          connectionTimeout,
          schedulePollInterval,
          misfireThreshold,
          catchUpLimit,
          dispatchBatchSize,
          dispatchLease,
          longestDispatchWait,
          publishTimeout,
          reaperInterval,
          heartbeatTimeout,
          retention,
          retentionInterval,
          maintenanceBatchSize);
    }
  }
}
