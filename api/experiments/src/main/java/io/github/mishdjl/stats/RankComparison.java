package io.github.mishdjl.stats;

import org.jspecify.annotations.NullMarked;

/**
 * Two independent samples compared without assuming a distribution (e.g. a roughness measured on separate random
 * networks per activation): how often the other sample's value exceeds the baseline's, the Mann-Whitney test of
 * that, and the ratio of medians with a bootstrap interval.
 *
 * @param name the other sample's name
 * @param n size of the other sample
 * @param nBaseline size of the baseline sample
 * @param medianBaseline the baseline's median
 * @param median the other sample's median
 * @param probabilityAbove P(other > baseline) over all pairs, ties counted half (U / (n * nBaseline)); 0.5: no shift
 * @param pValue two-sided Mann-Whitney U test (Commons Math: normal approximation, no continuity and no tie
 *     correction, so with many tied values, e.g. exact zeros, it is slightly conservative)
 * @param ratioLow lower end of the 95% percentile-bootstrap interval of median / medianBaseline
 * @param ratioHigh upper end
 */
@NullMarked
public record RankComparison(String name, int n, int nBaseline, double medianBaseline, double median,
        double probabilityAbove, double pValue, double ratioLow, double ratioHigh) {

    /** The ratio of medians, other / baseline (infinite when the baseline's median is 0). */
    public double ratio() {
        return median / medianBaseline;
    }

    /** Whether the test separates the two at 5%. */
    public boolean resolved() {
        return pValue < 0.05;
    }
}
