package dev.celeriac.bench;

import java.util.Arrays;
import java.util.List;

/**
 * One figure over several runs: the median, the spread as min–max and as the interquartile range
 * (quartiles by linear interpolation between order statistics, as numpy's default), and how many
 * runs there were.
 *
 * @param median the middle value (the mean of the two middle values for an even count)
 * @param min the smallest value
 * @param max the largest value
 * @param q1 the first quartile
 * @param q3 the third quartile
 * @param runs how many values
 */
public record Summary(double median, double min, double max, double q1, double q3, int runs) {

  /**
   * Summarises {@code values}.
   *
   * @throws IllegalArgumentException if there are none, or one is not finite
   */
  public static Summary of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a summary needs at least one value");
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (Arrays.stream(sorted).anyMatch(v -> !Double.isFinite(v))) {
      throw new IllegalArgumentException("values must be finite, were " + values);
    }
    return new Summary(
        quantile(sorted, 0.5),
        sorted[0],
        sorted[sorted.length - 1],
        quantile(sorted, 0.25),
        quantile(sorted, 0.75),
        sorted.length);
  }

  /** The {@code q} quantile of ascending {@code sorted}, interpolating linearly. */
  static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = (int) Math.ceil(position);
    return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
  }
}
