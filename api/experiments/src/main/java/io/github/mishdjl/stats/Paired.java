package io.github.mishdjl.stats;

import io.github.mishdjl.train.RunResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.jspecify.annotations.NullMarked;

/**
 * The paired analysis of a grid's runs: for each activation, the per-seed differences of final test accuracy to
 * the baseline on the seeds where both finished; a paired t-test with its 95% interval; Holm's correction over the
 * comparisons against the baseline; the minimum detectable difference at 80% power; diverged runs counted, not
 * dropped silently. (The paper's unpaired pooled test stays in {@link Significance}, beside it.)
 */
@NullMarked
public final class Paired {

    private Paired() {}

    /**
     * Compares every other activation of one architecture with the baseline.
     *
     * @param results runs of any architectures (only {@code architecture}'s are used)
     * @param architecture the architecture
     * @param baseline the baseline activation
     * @param order the other activations to compare, in report order
     * @return one comparison per activation with at least 2 pairs (fewer cannot give an interval)
     */
    public static List<PairedComparison> compare(List<RunResult> results, String architecture, String baseline,
            List<String> order) {
        return compare(results, architecture, baseline, order, r -> 100 * r.finalTestAccuracy());
    }

    /**
     * Compares every other activation of one architecture with the baseline on a metric of each finished run, e.g.
     * {@code RunResult::finalTestLoss} for Fig. 5b's claim about test loss.
     *
     * @param results runs of any architectures (only {@code architecture}'s are used)
     * @param architecture the architecture
     * @param baseline the baseline activation
     * @param order the other activations to compare, in report order
     * @param metric the value of one finished run; differences are (other - baseline) in its units
     * @return one comparison per activation with at least 2 pairs (fewer cannot give an interval)
     */
    public static List<PairedComparison> compare(List<RunResult> results, String architecture, String baseline,
            List<String> order, ToDoubleFunction<RunResult> metric) {
        Map<Integer, Double> base = values(results, architecture, baseline, metric);
        int baseDiverged = diverged(results, architecture, baseline);
        List<PairedComparison> out = new ArrayList<>();
        for (String activation : order) {
            if (activation.equals(baseline)) {
                continue;
            }
            Map<Integer, Double> other = values(results, architecture, activation, metric);
            SummaryStatistics d = new SummaryStatistics();
            for (Map.Entry<Integer, Double> e : other.entrySet()) {
                Double b = base.get(e.getKey());
                if (b != null) {
                    d.addValue(e.getValue() - b);
                }
            }
            int n = (int) d.getN();
            if (n < 2) {
                continue;
            }
            double mean = d.getMean();
            double sd = d.getStandardDeviation();
            TDistribution t = new TDistribution(n - 1);
            double se = sd / Math.sqrt(n);
            double p = se == 0 ? (mean == 0 ? 1 : 0) : 2 * t.cumulativeProbability(-Math.abs(mean / se));
            double half = t.inverseCumulativeProbability(0.975) * se;
            double detectable = (t.inverseCumulativeProbability(0.975) + t.inverseCumulativeProbability(0.8)) * se;
            out.add(new PairedComparison(activation, n, mean, sd, p, p, mean - half, mean + half, detectable,
                    diverged(results, architecture, activation), baseDiverged));
        }
        return holm(out);
    }

    /** Holm's step-down correction: the k-th smallest of m p-values times (m - k + 1), kept monotone, capped at 1. */
    static List<PairedComparison> holm(List<PairedComparison> comparisons) {
        List<PairedComparison> sorted = new ArrayList<>(comparisons);
        sorted.sort(Comparator.comparingDouble(PairedComparison::pValue));
        int m = sorted.size();
        Map<String, Double> adjusted = new TreeMap<>();
        double running = 0;
        for (int k = 0; k < m; k++) {
            running = Math.max(running, Math.min(1, (m - k) * sorted.get(k).pValue()));
            adjusted.put(sorted.get(k).activation(), running);
        }
        List<PairedComparison> out = new ArrayList<>();
        for (PairedComparison c : comparisons) {
            out.add(new PairedComparison(c.activation(), c.n(), c.meanDifference(), c.sdDifference(), c.pValue(),
                    adjusted.get(c.activation()), c.ciLow(), c.ciHigh(), c.minimumDetectable(), c.divergedOther(),
                    c.divergedBaseline()));
        }
        return out;
    }

    private static Map<Integer, Double> values(List<RunResult> results, String architecture, String activation,
            ToDoubleFunction<RunResult> metric) {
        Map<Integer, Double> bySeed = new TreeMap<>();
        for (RunResult r : results) {
            if (r.spec().architecture().equals(architecture) && r.spec().activation().equals(activation)
                    && !r.diverged() && !r.history().isEmpty()) {
                bySeed.put(r.spec().seed(), metric.applyAsDouble(r));
            }
        }
        return bySeed;
    }

    /** Diverged runs of one activation on one architecture. */
    public static int diverged(List<RunResult> results, String architecture, String activation) {
        return (int) results.stream().filter(r -> r.spec().architecture().equals(architecture)
                && r.spec().activation().equals(activation) && r.diverged()).count();
    }
}
