package io.github.mishdjl.stats;

import io.github.mishdjl.activation.Activations;
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
     * @param order the other activations to compare, in report order: Holm's family, every one counted even before
     *     its runs are in (see {@link #holm(List, int)}), names of one function once (see {@link #familySize})
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
     * @param order the other activations to compare, in report order: Holm's family, as in
     *     {@link #compare(List, String, String, List)}
     * @param metric the value of one finished run; differences are (other - baseline) in its units
     * @return one comparison per activation with at least 2 pairs (fewer cannot give an interval)
     */
    public static List<PairedComparison> compare(List<RunResult> results, String architecture, String baseline,
            List<String> order, ToDoubleFunction<RunResult> metric) {
        return compare(results, architecture, baseline, order, metric, 1);
    }

    /**
     * As {@link #compare(List, String, String, List, ToDoubleFunction)}, with each hypothesis counted once per look
     * at the data: a sample extended after its verdicts were reported (more seeds) has been tested {@code looks}
     * times. Holm's family over all the looks holds this look's verdicts to at most 5% / looks (Bonferroni over the
     * looks; an earlier look already spent its own level, so over all looks together the bound is the sum). The
     * earlier looks' tests count as untested members (their p-values sort last), the cautious choice.
     *
     * @param looks how many times the claims were tested on this sample as it grew (1: once, at its planned size)
     */
    public static List<PairedComparison> compare(List<RunResult> results, String architecture, String baseline,
            List<String> order, ToDoubleFunction<RunResult> metric, int looks) {
        if (looks < 1) {
            throw new IllegalArgumentException("looks must be at least 1, got " + looks);
        }
        Map<Integer, Double> base = values(results, architecture, baseline, metric);
        int baseDiverged = diverged(results, architecture, baseline);
        List<PairedComparison> out = new ArrayList<>();
        List<String> tested = new ArrayList<>();
        java.util.Set<String> untested = new java.util.LinkedHashSet<>();
        for (String activation : order) {
            if (activation.equals(baseline)) {
                continue;
            }
            Map<Integer, Double> other = values(results, architecture, activation, metric);
            List<Double> differences = new ArrayList<>();
            for (Map.Entry<Integer, Double> e : other.entrySet()) {
                Double b = base.get(e.getKey());
                if (b != null) {
                    differences.add(e.getValue() - b);
                }
            }
            if (differences.size() < 2) {
                untested.add(hypothesis(activation, baseline));
                continue;
            }
            out.add(of(activation, differences, diverged(results, architecture, activation), baseDiverged));
            tested.add(hypothesis(activation, baseline));
        }
        untested.removeAll(tested);
        int hypotheses = new java.util.HashSet<>(tested).size() + untested.size();
        return holm(out, untested.size() + (looks - 1) * hypotheses, tested);
    }

    /**
     * How many hypotheses Holm's correction runs over when {@code order}'s activations are compared with the
     * baseline: one per function, so two names of one function (CELU(1) and ELU(1), which Table 1 lists apart) are
     * one comparison, not two. An implementation of the baseline's own function (e.g. {@code mish:analytic} against
     * {@code mish}) is a question of its own. Names outside the registry count one each.
     *
     * @param baseline the baseline activation
     * @param order the activations compared (the baseline among them or not)
     */
    public static int familySize(String baseline, List<String> order) {
        return byHypothesis(baseline, order).size();
    }

    /**
     * The names among {@code order} that one comparison with the baseline tests together (see {@link #familySize}),
     * each group in {@code order}'s order; only groups of two or more, e.g. {@code [elu:1, celu:1]}.
     */
    public static List<List<String>> sameHypothesis(String baseline, List<String> order) {
        return byHypothesis(baseline, order).values().stream().filter(g -> g.size() > 1).map(List::copyOf).toList();
    }

    /** {@code order}'s names other than the baseline, grouped by what their comparison tests, in order. */
    private static Map<String, List<String>> byHypothesis(String baseline, List<String> order) {
        Map<String, List<String>> groups = new java.util.LinkedHashMap<>();
        order.stream().filter(a -> !a.equals(baseline)).distinct()
                .forEach(a -> groups.computeIfAbsent(hypothesis(a, baseline), k -> new ArrayList<>()).add(a));
        return groups;
    }

    /** What a comparison with the baseline tests: the other's function, or its own name (see familySize). */
    private static String hypothesis(String activation, String baseline) {
        String function = function(activation);
        return function.equals(function(baseline)) ? "name " + activation : "function " + function;
    }

    /** The registry's function of a name; a name outside the registry (a test's label) is its own. */
    private static String function(String name) {
        return Activations.isKnown(name) ? Activations.function(name) : name;
    }

    /**
     * A paired comparison from its per-seed differences (other - baseline), for statistics that are not one run's
     * metric, e.g. how much accuracy a seed loses from the shallowest to the deepest network, or a loss surface's
     * rise. Its {@code holmP} is the uncorrected p until {@link #holm} corrects it over a family.
     *
     * <p>Differences that are all equal and not 0 (e.g. two seeds whose networks both collapsed to one class) have
     * no spread to estimate an interval from: their p-value is NaN, never 0, so no verdict rests on them.
     *
     * @param label what is compared, e.g. the other activation
     * @param differences at least 2 per-seed differences
     * @param divergedOther diverged runs of the other side left out of the pairs (counted, not dropped silently)
     * @param divergedBaseline diverged runs of the baseline left out
     * @throws IllegalArgumentException with fewer than 2 differences (no interval) or a non-finite one
     */
    public static PairedComparison of(String label, List<Double> differences, int divergedOther,
            int divergedBaseline) {
        if (differences.size() < 2) {
            throw new IllegalArgumentException("a paired comparison needs at least 2 differences, got "
                    + differences.size() + " for " + label);
        }
        SummaryStatistics d = new SummaryStatistics();
        for (double x : differences) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("difference " + x + " for " + label + " is not finite");
            }
            d.addValue(x);
        }
        int n = (int) d.getN();
        double mean = d.getMean();
        double sd = d.getStandardDeviation();
        TDistribution t = new TDistribution(n - 1);
        double se = sd / Math.sqrt(n);
        double p = se == 0 ? (mean == 0 ? 1 : Double.NaN) : 2 * t.cumulativeProbability(-Math.abs(mean / se));
        double half = t.inverseCumulativeProbability(0.975) * se;
        double detectable = Power.detectableAt80(n - 1) * se; // exact: the noncentral t, not t(0.975) + t(0.8)
        return new PairedComparison(label, n, mean, sd, p, p, mean - half, mean + half, detectable, divergedOther,
                divergedBaseline);
    }

    /** {@link #of(String, List, int, int)} with no diverged runs left out. */
    public static PairedComparison of(String label, List<Double> differences) {
        return of(label, differences, 0, 0);
    }

    /**
     * Holm's step-down correction over a family of comparisons: the k-th smallest of m p-values times (m - k + 1),
     * kept monotone, capped at 1. Returns the comparisons in their order with {@code holmP} set; labels need not be
     * unique. A NaN p-value (no spread) sorts last and stays NaN.
     */
    public static List<PairedComparison> holm(List<PairedComparison> comparisons) {
        return holm(comparisons, 0);
    }

    /**
     * Holm's correction over a family planned larger than the comparisons it can make now: {@code untested} members
     * (too few runs yet) count as p-values of 1, which rank last, so the k-th smallest p is multiplied by
     * (comparisons + untested - k + 1). The family is fixed by the question, not by which runs have finished: a claim
     * resolved while its siblings wait for runs must not lose its verdict when they arrive.
     *
     * @param comparisons the comparisons there are
     * @param untested members of the family without a comparison yet
     */
    public static List<PairedComparison> holm(List<PairedComparison> comparisons, int untested) {
        List<String> own = new ArrayList<>();
        for (int i = 0; i < comparisons.size(); i++) {
            own.add(Integer.toString(i));
        }
        return holm(comparisons, untested, own);
    }

    /**
     * Holm's correction where several comparisons may test one hypothesis (two names of one function against the
     * same baseline): the family has one member per distinct hypothesis, whose p is the largest of its comparisons'
     * (the cautious choice; identical runs give identical p; a comparison without spread, p NaN, tests nothing and is
     * passed over), and every comparison gets its hypothesis's corrected p (NaN when none of them has a p).
     *
     * @param comparisons the comparisons there are
     * @param untested hypotheses of the family without a comparison yet (none of {@code hypotheses})
     * @param hypotheses per comparison, in its order, what it tests: equal strings are one hypothesis
     */
    public static List<PairedComparison> holm(List<PairedComparison> comparisons, int untested,
            List<String> hypotheses) {
        if (untested < 0) {
            throw new IllegalArgumentException("untested must not be negative, got " + untested);
        }
        if (hypotheses.size() != comparisons.size()) {
            throw new IllegalArgumentException(hypotheses.size() + " hypotheses for " + comparisons.size()
                    + " comparisons: give one per comparison");
        }
        // a comparison without spread (p NaN) tests nothing; its hypothesis takes the largest p of those that do
        Map<String, Double> pOf = new java.util.LinkedHashMap<>();
        for (int i = 0; i < comparisons.size(); i++) {
            double p = comparisons.get(i).pValue();
            pOf.merge(hypotheses.get(i), p, (a, b) -> Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b));
        }
        List<String> distinct = new ArrayList<>(pOf.keySet());
        int m = distinct.size() + untested;
        distinct.sort(Comparator.comparingDouble(pOf::get));
        Map<String, Double> adjusted = new java.util.HashMap<>();
        double running = 0;
        for (int k = 0; k < distinct.size(); k++) {
            running = Math.max(running, Math.min(1, (m - k) * pOf.get(distinct.get(k))));
            adjusted.put(distinct.get(k), running);
        }
        List<PairedComparison> out = new ArrayList<>();
        for (int i = 0; i < comparisons.size(); i++) {
            PairedComparison c = comparisons.get(i);
            out.add(new PairedComparison(c.activation(), c.n(), c.meanDifference(), c.sdDifference(), c.pValue(),
                    adjusted.get(hypotheses.get(i)), c.ciLow(), c.ciHigh(), c.minimumDetectable(),
                    c.divergedOther(), c.divergedBaseline(), m));
        }
        return out;
    }

    /**
     * What Holm's correction asks of the most significant comparison in a family: the paired |t| its p must beat
     * (p below 0.05 / family, two-sided, on {@code pairs - 1} degrees of freedom). Said in reports because it is
     * what few seeds cost: with 3 seeds and 12 comparisons it is 15.4, so even a large difference fails unless its
     * seeds agree closely.
     *
     * @param pairs paired seeds (at least 2)
     * @param family comparisons in Holm's family (at least 1)
     */
    public static double holmFirstStepT(int pairs, int family) {
        if (pairs < 2 || family < 1) {
            throw new IllegalArgumentException("need at least 2 pairs and 1 comparison, got " + pairs + " and "
                    + family);
        }
        return new TDistribution(pairs - 1).inverseCumulativeProbability(1 - 0.05 / (2.0 * family));
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
