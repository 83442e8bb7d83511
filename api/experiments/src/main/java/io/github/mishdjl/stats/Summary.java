package io.github.mishdjl.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.jspecify.annotations.NullMarked;

/**
 * Summary statistics of one group: what the paper publishes for Table 1.
 *
 * @param name the activation
 * @param mean the mean (e.g. test accuracy in %)
 * @param std the sample standard deviation
 * @param n the number of runs
 */
@NullMarked
public record Summary(String name, double mean, double std, long n) {

    public Summary {
        if (n < 1 || !(std >= 0) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException(name + ": need n >= 1, std >= 0 and a finite mean, got n=" + n
                    + ", std=" + std + ", mean=" + mean);
        }
    }

    /**
     * Half the width of the 95% confidence interval of the mean, Student's t with n - 1 degrees of freedom:
     * t(0.975, n - 1) * std / sqrt(n). A single run has no interval: 0, which charts draw as the point alone.
     */
    public double halfWidth95() {
        return n < 2 ? 0 : new TDistribution(n - 1).inverseCumulativeProbability(0.975) * std / Math.sqrt(n);
    }

    /** Summarises values (sample standard deviation, n - 1). */
    public static Summary of(String name, double[] values) {
        org.apache.commons.math3.stat.descriptive.SummaryStatistics s =
                new org.apache.commons.math3.stat.descriptive.SummaryStatistics();
        for (double v : values) {
            s.addValue(v);
        }
        return new Summary(name, s.getMean(), values.length > 1 ? s.getStandardDeviation() : 0, values.length);
    }
}
