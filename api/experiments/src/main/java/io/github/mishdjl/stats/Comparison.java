package io.github.mishdjl.stats;

import org.jspecify.annotations.NullMarked;

/**
 * One activation against the baseline, as the paper's Table 1 reports it.
 *
 * @param activation the other activation
 * @param mean its mean
 * @param std its standard deviation
 * @param n its runs
 * @param pValue two-sided p-value of the two-sample t-test (pooled variance, or Welch's)
 * @param cohensD |difference of means| / sqrt((s1^2 + s2^2) / 2)
 * @param ciLow lower end of the 95% confidence interval of (other - baseline)
 * @param ciHigh upper end
 * @param baseline whether this is the baseline's own row (p = 1, d = 0, interval [0, 0]: nothing was tested)
 */
@NullMarked
public record Comparison(String activation, double mean, double std, long n, double pValue, double cohensD,
        double ciLow, double ciHigh, boolean baseline) {}
