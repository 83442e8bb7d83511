package io.github.mishdjl.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The rank comparison against SciPy's Mann-Whitney U (values recorded from scipy 1.17) and hand counts. */
class RankComparisonTest {

    private static final double[] OTHER = {0.3, 1.2, 2.5, 0.7, 3.1, 1.9, 2.2};
    private static final double[] BASE = {0.1, 0.4, 0.2, 0.9, 0.35, 0.15};

    @Test
    void matchesScipysMannWhitneyU() {
        // scipy.stats.mannwhitneyu(OTHER, BASE, use_continuity=False, method='asymptotic'): U = 38, p = 0.0151584
        RankComparison c = Ranks.compare("other", BASE, OTHER, 1);
        assertEquals(38.0 / (7 * 6), c.probabilityAbove(), 1e-12);
        assertEquals(0.015158438877439449, c.pValue(), 1e-9);
        assertEquals(1.9, c.median(), 0);
        assertEquals(0.275, c.medianBaseline(), 0);
        assertEquals(1.9 / 0.275, c.ratio(), 1e-12);
        assertTrue(c.ratioLow() < c.ratio() && c.ratio() < c.ratioHigh() && c.ratioLow() > 1, c.toString());
        assertTrue(c.resolved());
        assertEquals(c, Ranks.compare("other", BASE, OTHER, 1), "seeded: the same interval on a rerun");
    }

    @Test
    void theDirectionIsKeptAndTiesCountHalf() {
        RankComparison lower = Ranks.compare("lower", OTHER, BASE, 1);
        assertEquals(4.0 / 42, lower.probabilityAbove(), 1e-12, "the same U seen from the other side: 42 - 38 pairs");
        RankComparison same = Ranks.compare("same", new double[] {1, 2, 3}, new double[] {1, 2, 3}, 1);
        assertEquals(0.5, same.probabilityAbove(), 1e-12);
        assertTrue(!same.resolved());
    }

    /**
     * The bootstrap interval against its exact distribution: a resample of two values {a, b} has median a, (a+b)/2 or
     * b with chances 1/4, 1/2, 1/4. For a baseline {1, 3} and another sample {2, 6}, the ratio's smallest value, 2/3
     * (other at 2, baseline at 3), has chance 1/16 = 6.25%, and its largest, 6/1, too: both more than 2.5%, so the
     * 95% percentile interval is exactly [2/3, 6] (2,000 seeded resamples put about 125 at each end, 50 needed).
     * Constant samples give one ratio: the interval [r, r].
     */
    @Test
    void theBootstrapIntervalMatchesItsExactDistribution() {
        RankComparison c = Ranks.compare("other", new double[] {1, 3}, new double[] {2, 6}, 7);
        assertEquals(2.0 / 3, c.ratioLow(), 0);
        assertEquals(6.0, c.ratioHigh(), 0);
        assertEquals(2.0, c.ratio(), 0, "medians 4 and 2");
        RankComparison constant = Ranks.compare("c", new double[] {2, 2}, new double[] {3, 3}, 7);
        assertEquals(1.5, constant.ratioLow(), 0);
        assertEquals(1.5, constant.ratioHigh(), 0);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Ranks.compare("x", new double[] {1}, OTHER, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ranks.compare("x", BASE, new double[] {1, Double.NaN}, 1));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
    }
}
