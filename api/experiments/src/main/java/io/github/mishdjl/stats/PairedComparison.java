package io.github.mishdjl.stats;

import org.jspecify.annotations.NullMarked;

/**
 * One activation against the baseline, paired by seed: the runs share their seed (the same initialisation draw and
 * data order), so the per-seed differences carry the comparison.
 *
 * @param activation the other activation
 * @param n seeds where both finished
 * @param meanDifference mean of (other - baseline) over those seeds, in accuracy points (or the units of the metric
 *     compared, e.g. test loss)
 * @param sdDifference standard deviation of the differences
 * @param pValue two-sided p of the paired t-test (df = n - 1)
 * @param holmP the p-value after Holm's correction over all comparisons against the same baseline
 * @param ciLow lower end of the 95% confidence interval of the mean difference
 * @param ciHigh upper end
 * @param minimumDetectable the smallest true difference this n and spread would detect with 80% power in a
 *     two-sided test at 5% (uncorrected), from the noncentral t: {@code Power.detectableAt80(n - 1) * sd / sqrt(n)}
 * @param divergedOther diverged runs of the other activation (not in the pairs)
 * @param divergedBaseline diverged runs of the baseline (not in the pairs)
 * @param family hypotheses in the Holm family {@code holmP} was corrected over (1: not corrected)
 */
@NullMarked
public record PairedComparison(String activation, int n, double meanDifference, double sdDifference, double pValue,
        double holmP, double ciLow, double ciHigh, double minimumDetectable, int divergedOther,
        int divergedBaseline, int family) {

    /** A comparison not (yet) corrected over a family: {@code holmP} is its own p. */
    public PairedComparison(String activation, int n, double meanDifference, double sdDifference, double pValue,
            double holmP, double ciLow, double ciHigh, double minimumDetectable, int divergedOther,
            int divergedBaseline) {
        this(activation, n, meanDifference, sdDifference, pValue, holmP, ciLow, ciHigh, minimumDetectable,
                divergedOther, divergedBaseline, 1);
    }

    /**
     * The most that 80% power can need after Holm's correction over {@link #family}: the true difference detected at
     * Holm's strictest step, p below 0.05 / family ({@code Power.detectableAt80(n - 1, family) * sd / sqrt(n)}, at the
     * observed spread). A p that low passes every step before it, so the comparison is resolved whatever the other
     * hypotheses show; where several comparisons test one hypothesis (two names of one function, see
     * {@link Paired#holm(java.util.List, int, java.util.List)}) that holds for the one with the largest p. The need
     * is at least {@link #minimumDetectable}, the uncorrected test's (Holm's last step, which untested members of the
     * family keep out of reach). Equal to {@link #minimumDetectable} for a family of 1.
     */
    public double detectableAfterHolm() {
        return family <= 1 ? minimumDetectable
                : Power.detectableAt80(n - 1, family) * sdDifference / Math.sqrt(n);
    }

    /** Whether the uncorrected 95% interval excludes zero (see {@link #holmP} for the corrected test). */
    public boolean intervalExcludesZero() {
        return !noSpread() && (ciLow > 0 || ciHigh < 0);
    }

    /** Whether every pair differed by the same non-zero amount: no spread, so no interval and no test (p is NaN). */
    public boolean noSpread() {
        return Double.isNaN(pValue);
    }
}
