package io.github.mishdjl.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mishdjl.data.Augmentation;
import io.github.mishdjl.train.EpochStats;
import io.github.mishdjl.train.Protocol;
import io.github.mishdjl.train.RunResult;
import io.github.mishdjl.train.RunSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The paired analysis against hand computation and an independent integration of Student's t
 * ({@link SignificanceTest#pValue}): per-seed differences, the interval, Holm's correction, the minimum detectable
 * difference, and diverged runs counted and left out of the pairs.
 */
class PairedTest {

    static final Protocol P = new Protocol("cifar10", 1, 128, "adam", 1e-3, 0, 0, "none", List.of(), Augmentation.NONE,
            1, 1, 0.5, 0.5);

    static RunResult run(String activation, int seed, double accuracy, boolean diverged) {
        RunSpec spec = new RunSpec("net", activation, seed, P);
        return new RunResult(spec.id(), spec, diverged ? "diverged" : "finished", diverged ? List.of()
                : List.of(new EpochStats(1, 1, 0.5, 1, accuracy, 0.9, 1e-3, 1)), 1, "test", Map.of(), 1, null,
                List.of());
    }

    @Test
    void pairsBySeedAndCorrectsForMultipleComparisons() {
        double[] mish = {0.80, 0.82, 0.78, 0.81};
        double[] relu = {0.79, 0.80, 0.775, 0.80}; // differences (points): -1, -2, -0.5, -1
        double[] swish = {0.805, 0.815, 0.785, 0.812}; // +0.5, -0.5, +0.5, +0.2
        List<RunResult> runs = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            runs.add(run("mish", s, mish[s], false));
            runs.add(run("relu", s, relu[s], false));
            runs.add(run("swish", s, swish[s], false));
        }
        runs.add(run("relu", 4, 0, true)); // diverged: counted, not paired
        List<PairedComparison> c = Paired.compare(runs, "net", "mish", List.of("mish", "relu", "swish"));
        assertEquals(2, c.size());
        PairedComparison r = c.get(0);
        assertEquals("relu", r.activation());
        assertEquals(4, r.n());
        assertEquals(1, r.divergedOther());
        double[] d = {-1, -2, -0.5, -1};
        double mean = -1.125;
        double sd = Math.sqrt(((d[0] - mean) * (d[0] - mean) + (d[1] - mean) * (d[1] - mean)
                + (d[2] - mean) * (d[2] - mean) + (d[3] - mean) * (d[3] - mean)) / 3);
        assertEquals(mean, r.meanDifference(), 1e-9);
        assertEquals(sd, r.sdDifference(), 1e-9);
        double t = mean / (sd / 2);
        assertEquals(SignificanceTest.pValue(t, 3), r.pValue(), 1e-6);
        double half = SignificanceTest.quantile975(3) * sd / 2;
        assertEquals(mean - half, r.ciLow(), 1e-5);
        assertEquals(mean + half, r.ciHigh(), 1e-5);
        assertTrue(r.intervalExcludesZero(), "relu is below mish on every seed");
        // Holm over m = 2: the smaller p times 2, the larger times 1 (kept at least the first)
        PairedComparison s = c.get(1);
        double smaller = Math.min(r.pValue(), s.pValue());
        double larger = Math.max(r.pValue(), s.pValue());
        assertEquals(Math.min(1, 2 * smaller), Math.min(r.holmP(), s.holmP()), 1e-12);
        assertEquals(Math.max(Math.min(1, 2 * smaller), larger), Math.max(r.holmP(), s.holmP()), 1e-12);
        // 80% power at 5% from the noncentral t (4.255899 for df 3, SciPy: PowerTest) times sd / sqrt(4)
        assertEquals(4.255899 * sd / 2, r.minimumDetectable(), 1e-5);
        assertTrue(!s.intervalExcludesZero(), "swish's interval contains 0");
    }

    /**
     * Holm's family is every activation asked about, finished or not: with ReLU still short of 2 seeds, Swish's p is
     * doubled as it will be once ReLU's runs are in, so a verdict cannot turn when a sibling's runs arrive.
     */
    @Test
    void anActivationWithoutPairsYetStillCountsInTheFamily() {
        List<RunResult> runs = new ArrayList<>();
        double[] mish = {0.80, 0.82, 0.78};
        double[] swish = {0.79, 0.805, 0.772};
        for (int s = 0; s < 3; s++) {
            runs.add(run("mish", s, mish[s], false));
            runs.add(run("swish", s, swish[s], false));
        }
        runs.add(run("relu", 0, 0.79, false)); // one seed: no comparison yet
        List<PairedComparison> c = Paired.compare(runs, "net", "mish", List.of("mish", "swish", "relu"));
        assertEquals(1, c.size());
        assertEquals(Math.min(1, 2 * c.get(0).pValue()), c.get(0).holmP(), 1e-12);
        // without ReLU in the question, the family is Swish alone
        PairedComparison alone = Paired.compare(runs, "net", "mish", List.of("mish", "swish")).get(0);
        assertEquals(alone.pValue(), alone.holmP(), 1e-12);
        // the step-down: p 0.01 and 0.04 with one untested member are ranks 1 and 2 of 3
        List<PairedComparison> two = Paired.holm(List.of(
                new PairedComparison("a", 3, 1, 1, 0.04, 0.04, 0, 2, 1, 0, 0),
                new PairedComparison("b", 3, 1, 1, 0.01, 0.01, 0, 2, 1, 0, 0)), 1);
        assertEquals(0.08, two.get(0).holmP(), 1e-12);
        assertEquals(0.03, two.get(1).holmP(), 1e-12);
        // two looks at the data (seeds added after a first verdict): each of the 2 hypotheses counts twice
        PairedComparison twice = Paired.compare(runs, "net", "mish", List.of("mish", "swish", "relu"),
                r -> 100 * r.finalTestAccuracy(), 2).get(0);
        assertEquals(Math.min(1, 4 * twice.pValue()), twice.holmP(), 1e-12);
        assertEquals(4, twice.family());
        assertThrows(IllegalArgumentException.class, () -> Paired.compare(runs, "net", "mish", List.of("swish"),
                r -> 1.0, 0));
    }

    /** Fig. 5b compares test loss: the differences are in loss units, (other - baseline), paired by seed. */
    @Test
    void anyMetricCanBeCompared() {
        double[][] loss = {{0.30, 0.32, 0.29}, {0.35, 0.36, 0.30}}; // mish, relu; differences 0.05, 0.04, 0.01
        List<RunResult> runs = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            for (int a = 0; a < 2; a++) {
                RunSpec spec = new RunSpec("net", a == 0 ? "mish" : "relu", s, P);
                runs.add(new RunResult(spec.id(), spec, "finished", List.of(new EpochStats(1, 1, 0.5, loss[a][s], 0.9,
                        0.99, 1e-3, 1)), 1, "test", Map.of(), 1, null, List.of()));
            }
        }
        PairedComparison c = Paired.compare(runs, "net", "mish", List.of("relu"), RunResult::finalTestLoss).get(0);
        double mean = (0.05 + 0.04 + 0.01) / 3;
        double sd = Math.sqrt((Math.pow(0.05 - mean, 2) + Math.pow(0.04 - mean, 2) + Math.pow(0.01 - mean, 2)) / 2);
        assertEquals(mean, c.meanDifference(), 1e-12);
        assertEquals(sd, c.sdDifference(), 1e-12);
        double half = 4.302653 * sd / Math.sqrt(3); // t(0.975, 2), tables
        assertEquals(mean - half, c.ciLow(), 1e-5);
        assertEquals(0, Paired.compare(runs, "net", "mish", List.of("relu")).get(0).meanDifference(), 1e-12,
                "accuracy (the default) is equal on every seed");
    }

    @Test
    void fewerThanTwoPairsGiveNoComparison() {
        List<RunResult> runs = List.of(run("mish", 0, 0.8, false), run("relu", 0, 0.7, false),
                run("relu", 1, 0.7, false));
        assertTrue(Paired.compare(runs, "net", "mish", List.of("relu")).isEmpty());
    }

    /** A statistic that is not one run's metric (Fig. 5a's drop with depth) is paired from its own differences. */
    @Test
    void aComparisonFromItsDifferencesMatchesTheRunsOne() {
        List<RunResult> runs = new ArrayList<>();
        double[][] accuracy = {{0.80, 0.82, 0.78}, {0.79, 0.80, 0.775}};
        for (int s = 0; s < 3; s++) {
            runs.add(run("mish", s, accuracy[0][s], false));
            runs.add(run("relu", s, accuracy[1][s], false));
        }
        PairedComparison fromRuns = Paired.compare(runs, "net", "mish", List.of("relu")).get(0);
        PairedComparison fromDifferences = Paired.of("relu", List.of(-1.0, -2.0, -0.5), 0, 0);
        assertEquals(fromRuns.meanDifference(), fromDifferences.meanDifference(), 1e-9);
        assertEquals(fromRuns.ciLow(), fromDifferences.ciLow(), 1e-9);
        assertEquals(fromRuns.pValue(), fromDifferences.pValue(), 1e-9);
        assertEquals(fromDifferences.pValue(), fromDifferences.holmP(), 0);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Paired.of("relu", List.of(1.0), 0, 0));
        // two collapsed networks per side: identical differences, no spread, no test (not p = 0)
        PairedComparison flat = Paired.of("relu", List.of(-1.55, -1.55));
        assertTrue(flat.noSpread() && Double.isNaN(flat.pValue()) && !flat.intervalExcludesZero(), flat.toString());
        assertEquals(1.0, Paired.of("relu", List.of(0.0, 0.0)).pValue(), 0, "no difference at all: p 1");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Paired.of("relu", List.of(1.0, Double.NaN), 0, 0));
    }

    /** Holm by position: labels repeat when a family spans settings (the same activation at several depths). */
    /** The |t| Holm's first step needs, against SciPy's t.ppf(1 - 0.05 / (2 m), n - 1). */
    @Test
    void holmsFirstStepMatchesScipy() {
        assertEquals(15.4435, Paired.holmFirstStepT(3, 12), 1e-3, "Table 1 at 3 seeds");
        assertEquals(5.8853, Paired.holmFirstStepT(5, 12), 1e-3, "Table 1 at 5 seeds");
        assertEquals(50.923, Paired.holmFirstStepT(2, 4), 1e-2, "Fig. 5a at 2 seeds");
        assertEquals(8.8602, Paired.holmFirstStepT(3, 4), 1e-3, "Fig. 5a at 3 seeds");
        assertEquals(4.3027, Paired.holmFirstStepT(3, 1), 1e-3, "one comparison: the plain t-test");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Paired.holmFirstStepT(1, 3));
    }

    @Test
    void holmCorrectsByPositionNotByLabel() {
        double[] p = {0.04, 0.01, 0.03, 0.5};
        List<PairedComparison> family = new ArrayList<>();
        for (double x : p) {
            family.add(new PairedComparison("relu", 3, 1, 1, x, x, 0, 2, 1, 0, 0));
        }
        // sorted 0.01, 0.03, 0.04, 0.5: x4 0.04, x3 0.09, x2 0.08 -> kept at 0.09, x1 0.5
        double[] expected = {0.09, 0.04, 0.09, 0.5};
        List<PairedComparison> corrected = Paired.holm(family);
        for (int i = 0; i < p.length; i++) {
            assertEquals(expected[i], corrected.get(i).holmP(), 1e-12);
        }
    }

    /**
     * A comparison without spread (every seed differs by the same amount: p NaN) tests nothing but is still a member
     * of the family: by hand, p 0.01 beside it is ranked first of 2, so 0.02, and it stays NaN; beside an untested
     * member as well, first of 3, so 0.03.
     */
    @Test
    void aMemberWithoutSpreadCountsButStaysWithoutP() {
        List<PairedComparison> family = List.of(
                new PairedComparison("swish", 3, -1, 0.5, 0.01, 0.01, -2, 0, 1, 0, 0),
                new PairedComparison("relu", 3, -1, 0, Double.NaN, Double.NaN, -1, -1, Double.NaN, 0, 0));
        List<PairedComparison> corrected = Paired.holm(family);
        assertEquals(0.02, corrected.get(0).holmP(), 1e-12);
        assertTrue(Double.isNaN(corrected.get(1).holmP()));
        assertEquals(0.03, Paired.holm(family, 1).get(0).holmP(), 1e-12);
    }

    /**
     * Table 1 lists ELU and CELU apart, but at alpha 1 they are one function, and their runs coincide: Holm's family
     * counts that hypothesis once. Here ReLU, ELU(1) and CELU(1) against Mish are 2 hypotheses, not 3; an
     * implementation of Mish against Mish is a question of its own.
     */
    @Test
    void namesOfOneFunctionAreOneHypothesis() {
        double[] mish = {0.80, 0.82, 0.78};
        double[] relu = {0.79, 0.80, 0.772};
        double[] elu = {0.78, 0.815, 0.77};
        List<RunResult> runs = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            runs.add(run("mish", s, mish[s], false));
            runs.add(run("relu", s, relu[s], false));
            runs.add(run("elu:1", s, elu[s], false));
            runs.add(run("celu:1", s, elu[s], false));
        }
        List<String> order = List.of("mish", "relu", "elu:1", "celu:1");
        assertEquals(2, Paired.familySize("mish", order));
        assertEquals(List.of(List.of("elu:1", "celu:1")), Paired.sameHypothesis("mish", order));
        assertEquals(3, Paired.familySize("mish", List.of("mish", "relu", "elu", "celu:1", "mish:analytic")));
        assertEquals(2, Paired.familySize("mish", List.of("mish", "relu", "celu:0.5")), "CELU(0.5) is not ELU");
        List<PairedComparison> c = Paired.compare(runs, "net", "mish", order);
        assertEquals(3, c.size());
        double pRelu = c.get(0).pValue();
        double pElu = c.get(1).pValue();
        assertEquals(pElu, c.get(2).pValue(), 0, "identical runs, identical p");
        // Holm over 2: the smaller p doubled, the larger kept (at least the first)
        double first = Math.min(1, 2 * Math.min(pRelu, pElu));
        double second = Math.max(first, Math.max(pRelu, pElu));
        assertEquals(pRelu < pElu ? first : second, c.get(0).holmP(), 1e-12);
        assertEquals(pRelu < pElu ? second : first, c.get(1).holmP(), 1e-12);
        assertEquals(c.get(1).holmP(), c.get(2).holmP(), 0);
        // counted as 3 (before the fix) the smaller would have been tripled
        assertTrue(Math.min(c.get(0).holmP(), c.get(1).holmP()) < 3 * Math.min(pRelu, pElu) - 1e-12);
    }

    @Test
    void comparisonsOfOneHypothesisShareItsLargestP() {
        List<PairedComparison> family = new ArrayList<>();
        for (double x : new double[] {0.01, 0.02, 0.004}) {
            family.add(new PairedComparison("x", 3, 1, 1, x, x, 0, 2, 1, 0, 0));
        }
        // hypotheses A (0.01, 0.02: p 0.02) and B (0.004), one untested: m = 3; B 0.012, A 0.04
        List<PairedComparison> corrected = Paired.holm(family, 1, List.of("A", "A", "B"));
        assertEquals(0.04, corrected.get(0).holmP(), 1e-12);
        assertEquals(0.04, corrected.get(1).holmP(), 1e-12);
        assertEquals(0.012, corrected.get(2).holmP(), 1e-12);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Paired.holm(family, 0, List.of("A")));
    }

    /**
     * The two sizes a report quotes for 80% power bracket what Holm's procedure itself achieves, whatever the family's
     * other comparisons show: simulated (3 seeds, unit spread, a family of 6, 20,000 draws, seeded), a true difference
     * of {@code detectableAfterHolm} is resolved about 80% of the time even when the others have p 1 (ours must pass
     * Holm's strictest step), and one of {@code minimumDetectable} about 80% of the time when the others have p 0
     * (ours meets Holm's last step, the uncorrected test). The sample's spread varies draw to draw, so the sizes are
     * computed at the true spread, as power is defined. Binomial standard error at 80%: 0.28 points.
     */
    @Test
    void theDetectableSizesBracketHolmsPower() {
        int n = 3;
        int family = 6;
        int draws = 20_000;
        java.util.Random random = new java.util.Random(20261203);
        PairedComparison atTrueSpread = Paired.holm(List.of(Paired.of("x", List.of(-1.0, 0.0, 1.0))), family - 1)
                .get(0); // sd exactly 1
        assertEquals(1, atTrueSpread.sdDifference(), 1e-12);
        assertEquals(family, atTrueSpread.family());
        double[] sizes = {atTrueSpread.detectableAfterHolm(), atTrueSpread.minimumDetectable()};
        assertTrue(sizes[0] > 2 * sizes[1], "Holm's strictest step asks more than twice as much at 2 degrees of freedom: "
                + sizes[0] + " against " + sizes[1]);
        PairedComparison certain = new PairedComparison("sure", n, 5, 1, 0, 0, 4, 6, 1, 0, 0);
        PairedComparison hopeless = new PairedComparison("none", n, 0, 1, 1, 1, -1, 1, 1, 0, 0);
        for (int side = 0; side < 2; side++) {
            int resolved = 0;
            for (int k = 0; k < draws; k++) {
                List<Double> d = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    d.add(sizes[side] + random.nextGaussian());
                }
                List<PairedComparison> all = new ArrayList<>();
                all.add(Paired.of("ours", d));
                for (int i = 1; i < family; i++) {
                    all.add(side == 0 ? hopeless : certain);
                }
                PairedComparison ours = Paired.holm(all).get(0);
                resolved += ours.intervalExcludesZero() && ours.holmP() < 0.05 ? 1 : 0;
            }
            assertEquals(0.80, resolved / (double) draws, 0.012, (side == 0 ? "others at p 1" : "others at p 0")
                    + ": " + resolved + " of " + draws);
        }
    }
}
