package dev.celeriac.worker;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.DurationFormat;
import dev.celeriac.api.spi.ConsumerOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The command line of {@link WorkerMain}, read from flags and, for each flag not given, from the
 * environment variable {@code CELERIAC_<FLAG>} (flags win):
 *
 * <pre>
 * --broker URL          CELERIAC_BROKER       the broker, such as kafka://host:9092 (required)
 * --db URL              CELERIAC_DB           the task store, such as postgresql://host/db (required)
 * --tasks A,B           CELERIAC_TASKS        classes whose @Task methods to register (required)
 * --queues a,b          CELERIAC_QUEUES       queues to consume; default: the tasks' queues
 * --concurrency N       CELERIAC_CONCURRENCY  tasks in flight per queue; default 1000
 * --grace DURATION      CELERIAC_GRACE        how long SIGTERM lets tasks finish; default 30s
 * --worker-id ID        CELERIAC_WORKER_ID    default: host-pid
 * --group NAME          CELERIAC_GROUP        the consumer group; default celeriac-workers
 * </pre>
 *
 * Flags are written {@code --name value} or {@code --name=value}; lists are comma-separated.
 *
 * @param broker the broker URL
 * @param db the store URL
 * @param tasks the task class names, at least one
 * @param queues the queues to consume, or empty for the registered tasks' queues
 * @param concurrency tasks in flight per queue
 * @param grace how long a stop lets tasks finish
 * @param workerId the worker id, or null for the default
 * @param group the broker consumer group workers share the queues' messages in (a Kafka share
 *     group; a label on RabbitMQ)
 */
public record WorkerOptions(
    String broker,
    String db,
    List<String> tasks,
    Set<String> queues,
    int concurrency,
    Duration grace,
    @Nullable String workerId,
    String group) {

  private static final List<String> FLAGS =
      List.of("broker", "db", "tasks", "queues", "concurrency", "grace", "worker-id", "group");

  /** Validates the options; each violation is an {@link IllegalArgumentException} naming it. */
  public WorkerOptions {
    requireNonNull(broker, "broker");
    requireNonNull(db, "db");
    requireNonNull(grace, "grace");
    requireNonNull(group, "group");
    if (group.isBlank()) {
      throw new IllegalArgumentException("--group must not be blank");
    }
    tasks = List.copyOf(requireNonNull(tasks, "tasks"));
    queues = Set.copyOf(requireNonNull(queues, "queues"));
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("--tasks must name at least one task class");
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("--concurrency must be >= 1, was " + concurrency);
    }
    if (grace.isNegative()) {
      throw new IllegalArgumentException("--grace must not be negative, was " + grace);
    }
  }

  /**
   * Reads {@code args}, falling back to {@code env} for each flag not given.
   *
   * @throws IllegalArgumentException with a one-line message for an unknown flag, a flag without a
   *     value, a missing required option or a value that does not parse
   */
  public static WorkerOptions parse(String[] args, Map<String, String> env) {
    Map<String, String> values = flags(args);
    for (String flag : FLAGS) {
      String fromEnv = env.get("CELERIAC_" + flag.replace('-', '_').toUpperCase(Locale.ROOT));
      if (!values.containsKey(flag) && fromEnv != null && !fromEnv.isBlank()) {
        values.put(flag, fromEnv.strip());
      }
    }
    return new WorkerOptions(
        required(values, "broker"),
        required(values, "db"),
        List.copyOf(list(values.get("tasks"))),
        list(values.get("queues")),
        integer(values, "concurrency", WorkerConfig.DEFAULT_CONCURRENCY),
        duration(values, "grace", Duration.ofSeconds(30)),
        values.get("worker-id"),
        values.getOrDefault("group", ConsumerOptions.DEFAULT_GROUP));
  }

  private static Map<String, String> flags(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'; " + usage());
      }
      int equals = arg.indexOf('=');
      String name = equals > 0 ? arg.substring(2, equals) : arg.substring(2);
      if (!FLAGS.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name + "; " + usage());
      }
      String value;
      if (equals > 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("option --" + name + " needs a value");
      }
      values.put(name, value.strip());
    }
    return values;
  }

  private static String required(Map<String, String> values, String flag) {
    String value = values.get(flag);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "missing --"
              + flag
              + " (or CELERIAC_"
              + flag.replace('-', '_').toUpperCase(Locale.ROOT)
              + ")");
    }
    return value;
  }

  private static Set<String> list(@Nullable String value) {
    Set<String> items = new LinkedHashSet<>();
    if (value != null) {
      Arrays.stream(value.split(","))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .forEach(items::add);
    }
    return items;
  }

  private static int integer(Map<String, String> values, String flag, int fallback) {
    String value = values.get(flag);
    try {
      return value == null ? fallback : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + flag + " must be a whole number, was '" + value + "'");
    }
  }

  private static Duration duration(Map<String, String> values, String flag, Duration fallback) {
    String value = values.get(flag);
    try {
      return value == null ? fallback : DurationFormat.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--" + flag + " must be a duration such as 30s or 2m, was '" + value + "'");
    }
  }

  /** The one-line usage summary. */
  public static String usage() {
    return "usage: celeriac worker --broker URL --db URL --tasks CLASS[,CLASS] [--queues Q[,Q]]"
        + " [--concurrency N] [--grace DURATION] [--worker-id ID] [--group NAME]";
  }
}
