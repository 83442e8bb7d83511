package io.github.mishdjl.stats;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.StatisticalSummaryValues;
import org.apache.commons.math3.stat.inference.TTest;
import org.jspecify.annotations.NullMarked;

/**
 * The paper's significance analysis, with Apache Commons Math: per activation against a baseline, the
 * two-sample t-test (pooled variance as the paper, df = n1 + n2 - 2; or Welch's), Cohen's d with the paper's
 * denominator, and the 95% confidence interval of the difference in means (other minus baseline).
 */
@NullMarked
public final class Significance {

    private Significance() {}

    /**
     * Compares every summary to the baseline.
     *
     * @param summaries the groups (the baseline among them)
     * @param baseline the baseline's name
     * @param welch Welch's unequal-variance test instead of the pooled one
     * @return one comparison per group, the baseline's own row included ({@link Comparison#baseline()})
     * @throws IllegalArgumentException if the baseline is missing or a group has fewer than 2 runs
     */
    public static List<Comparison> compare(List<Summary> summaries, String baseline, boolean welch) {
        Summary base = summaries.stream().filter(s -> s.name().equals(baseline)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Baseline '" + baseline + "' is not among "
                        + summaries.stream().map(Summary::name).toList()));
        List<Comparison> out = new ArrayList<>();
        for (Summary other : summaries) {
            if (other.n() < 2 || base.n() < 2) {
                throw new IllegalArgumentException("A t-test needs at least 2 runs per group; " + other.name() + " has "
                        + other.n() + " and " + base.name() + " " + base.n() + " (run more seeds)");
            }
            out.add(compare(base, other, welch));
        }
        return out;
    }

    static Comparison compare(Summary base, Summary other, boolean welch) {
        double v1 = base.std() * base.std();
        double v2 = other.std() * other.std();
        double difference = other.mean() - base.mean();
        double d = Math.abs(difference) / Math.sqrt((v1 + v2) / 2);
        double se;
        double df;
        if (welch) {
            double a = v1 / base.n();
            double b = v2 / other.n();
            se = Math.sqrt(a + b);
            df = (a + b) * (a + b) / (a * a / (base.n() - 1) + b * b / (other.n() - 1));
        } else {
            df = base.n() + other.n() - 2;
            double pooled = ((base.n() - 1) * v1 + (other.n() - 1) * v2) / df;
            se = Math.sqrt(pooled * (1.0 / base.n() + 1.0 / other.n()));
        }
        double p;
        if (other == base || se == 0) {
            // no spread in either sample: t is infinite and p 0, as SciPy's ttest_ind gives. (Paired.of instead gives
            // no p for pairs that all differ alike: a few seeds agreeing exactly are no interval, and no verdict
            // rests on them; this test mostly recomputes published summaries, where that does not arise.)
            p = difference == 0 ? 1 : 0;
        } else {
            TTest test = new TTest();
            StatisticalSummaryValues s1 = values(base);
            StatisticalSummaryValues s2 = values(other);
            p = welch ? test.tTest(s1, s2) : test.homoscedasticTTest(s1, s2);
        }
        if (other == base) { // its own row: the difference is exactly 0, no interval to estimate
            return new Comparison(other.name(), other.mean(), other.std(), other.n(), 1, 0, 0, 0, true);
        }
        double half = se == 0 ? 0 : new TDistribution(df).inverseCumulativeProbability(0.975) * se;
        return new Comparison(other.name(), other.mean(), other.std(), other.n(), p, Double.isNaN(d) ? 0 : d,
                difference - half, difference + half, false);
    }

    private static StatisticalSummaryValues values(Summary s) {
        return new StatisticalSummaryValues(s.mean(), s.std() * s.std(), s.n(), Double.NaN, Double.NaN,
                s.mean() * s.n());
    }
}
