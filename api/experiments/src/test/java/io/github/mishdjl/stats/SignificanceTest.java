package io.github.mishdjl.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The significance analysis on the paper's Table 1 summaries, against an independent computation: the t
 * statistic from its formula and the two-sided p-value by numerically integrating Student's density (no
 * Commons Math), Cohen's d and the confidence interval from the paper's stated formulas.
 */
class SignificanceTest {

    /** Two-sided p-value of t with df degrees of freedom: the tail mass of (1 + x^2/df)^(-(df+1)/2), normalised. */
    static double pValue(double t, double df) {
        double tail = integrate(Math.abs(t), 200, df);
        double half = integrate(0, 200, df);
        return tail / half;
    }

    private static double integrate(double from, double to, double df) {
        int n = 400_000; // Simpson's rule, even n
        double h = (to - from) / n;
        double sum = density(from, df) + density(to, df);
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 0 ? 2 : 4) * density(from + i * h, df);
        }
        return sum * h / 3;
    }

    private static double density(double x, double df) {
        return Math.pow(1 + x * x / df, -(df + 1) / 2);
    }

    /** t(0.975, df) by bisection on the same integral. */
    static double quantile975(double df) {
        double lo = 0;
        double hi = 10;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (pValue(mid, df) > 0.05) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    @Test
    void pooledTestOnTable1MatchesAnIndependentComputation() {
        List<Comparison> rows = Significance.compare(PaperNumbers.TABLE_1, "mish", false);
        assertEquals(PaperNumbers.TABLE_1.size(), rows.size());
        Summary mish = PaperNumbers.TABLE_1.get(0);
        double t975 = quantile975(44);
        assertEquals(2.0154, t975, 1e-3); // the textbook value for df = 44
        for (int i = 1; i < rows.size(); i++) {
            Summary other = PaperNumbers.TABLE_1.get(i);
            Comparison c = rows.get(i);
            double v1 = mish.std() * mish.std();
            double v2 = other.std() * other.std();
            double t = (other.mean() - mish.mean()) / Math.sqrt((v1 + v2) / 23); // equal n: pooled SE
            assertEquals(pValue(t, 44), c.pValue(), 1e-6 + 1e-4 * c.pValue(), other.name() + " p-value");
            assertEquals(Math.abs(other.mean() - mish.mean()) / Math.sqrt((v1 + v2) / 2), c.cohensD(), 1e-12,
                    other.name() + " Cohen's d");
            double half = t975 * Math.sqrt((v1 + v2) / 23); // the paper's interval
            assertEquals(other.mean() - mish.mean() - half, c.ciLow(), 1e-3, other.name() + " CI low");
            assertEquals(other.mean() - mish.mean() + half, c.ciHigh(), 1e-3, other.name() + " CI high");
        }
        Comparison relu = rows.stream().filter(c -> c.activation().equals("relu")).findFirst().orElseThrow();
        assertTrue(relu.pValue() < 1e-5 && relu.ciHigh() < 0, "Mish beats ReLU clearly in the paper's summaries");
        Comparison swish = rows.stream().filter(c -> c.activation().equals("swish")).findFirst().orElseThrow();
        assertTrue(swish.pValue() > 0.05 && swish.ciLow() < 0 && swish.ciHigh() > 0, "Swish is not distinguishable");
        assertEquals(1, rows.get(0).pValue(), 0);
        assertEquals(0, rows.get(0).cohensD(), 0);
        assertTrue(rows.get(0).baseline() && rows.get(0).ciLow() == 0 && rows.get(0).ciHigh() == 0,
                "the baseline's own row tests nothing: no interval");
        assertTrue(rows.stream().skip(1).noneMatch(Comparison::baseline));
    }

    @Test
    void welchUsesSatterthwaiteDegreesOfFreedom() {
        Summary a = new Summary("a", 10, 1, 5);
        Summary b = new Summary("b", 12, 3, 9);
        Comparison c = Significance.compare(List.of(a, b), "a", true).get(1);
        double va = 1.0 / 5;
        double vb = 9.0 / 9;
        double df = (va + vb) * (va + vb) / (va * va / 4 + vb * vb / 8);
        double t = 2 / Math.sqrt(va + vb);
        assertEquals(pValue(t, df), c.pValue(), 1e-5);
        assertEquals(2 - quantile975(df) * Math.sqrt(va + vb), c.ciLow(), 1e-3);
    }

    @Test
    void summariesOfValuesUseTheSampleStandardDeviation() {
        Summary s = Summary.of("x", new double[] {1, 2, 3, 4});
        assertEquals(2.5, s.mean(), 0);
        assertEquals(Math.sqrt(5.0 / 3), s.std(), 1e-12);
    }

    /** Against printed t tables: t(0.975, 2) = 4.3027, t(0.975, 22) = 2.0739. */
    @Test
    void theHalfWidthOfTheMeansIntervalUsesStudentsT() {
        assertEquals(4.302652729911275 * 2 / Math.sqrt(3), new Summary("x", 10, 2, 3).halfWidth95(), 1e-9);
        assertEquals(2.0738730679040147 * 0.5 / Math.sqrt(23), new Summary("x", 87, 0.5, 23).halfWidth95(), 1e-9);
        assertEquals(0, new Summary("single", 77.7, 0, 1).halfWidth95(), 0, "a single run has no interval");
    }

    @Test
    void badInputGetsClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> Significance.compare(PaperNumbers.TABLE_1, "mesh", false));
        IllegalArgumentException single = assertThrows(IllegalArgumentException.class,
                () -> Significance.compare(List.of(new Summary("a", 1, 0, 1), new Summary("b", 2, 0, 1)), "a", false));
        assertTrue(single.getMessage().contains("at least 2 runs"), single.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Summary("a", Double.NaN, 1, 3));
    }
}
