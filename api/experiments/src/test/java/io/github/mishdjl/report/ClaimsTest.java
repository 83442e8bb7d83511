package io.github.mishdjl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mishdjl.stats.Paired;
import io.github.mishdjl.stats.PairedComparison;
import io.github.mishdjl.train.RunResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The claims table: Mish's advantage keeps its sign whatever the metric, Holm's correction runs over the whole
 * family of a figure, and a verdict goes no further than the budget allows.
 */
class ClaimsTest {

    /** Accuracy: other - Mish of -2, -3 points is Mish +2.5 ahead; loss: other - Mish of +0.02, +0.03 likewise. */
    @Test
    void mishsAdvantageIsPositiveForEitherMetric() {
        PairedComparison accuracy = Paired.of("relu", List.of(-2.0, -3.0), 0, 0);
        PairedComparison loss = Paired.of("relu", List.of(0.02, 0.03), 0, 0);
        List<List<String>> rows = new Claims("blocks N", Claims.Budget.PAPERS, "points", 2)
                .add("N = 22", "Mish ahead of relu", "plot only", accuracy, true).rows();
        // t(0.975, 1) = 12.7062, se = 0.5: 2.5 +- 6.35; detectable: noncentrality 16.334 (df 1: PowerTest) * 0.5;
        // t = 5 at 1 degree of freedom: p = 2 atan(1/5) / pi = 0.126 (uncorrected: no family here)
        assertEquals(List.of("N = 22", "Mish ahead of relu", "plot only", "+2.50 [-3.85, +8.85]", "2 paired seeds",
                "not resolvable: the interval contains 0 (p 0.13; 80% power at this spread needs about 8.17 points)"),
                rows.get(1));
        List<String> lossRow = new Claims("input noise", Claims.Budget.OURS, "test loss", 3)
                .add("noise 4", "Mish's test loss below relu's", "plot", loss, false).rows().get(1);
        assertEquals("+0.025 [-0.039, +0.089]", lossRow.get(3));
    }

    /** Pairs pooled over settings are named as such, in the sample column and in what Holm's correction asks. */
    @Test
    void pairsThatAreNotSeedsAreNamedSo() {
        // 4 differences other - Mish: mean -1.5, sd 0.5774, t = 1.5 / (0.5774 / 2) = 5.196 on 3 df
        Claims pooled = new Claims("initialisers", Claims.Budget.OURS, "points", 2)
                .pairedAs("pairs of one initialiser and seed")
                .add("2 pooled", "Mish ahead of swish on average", "none", Paired.of("swish",
                        List.of(-1.0, -2.0, -1.0, -2.0)), true)
                .correctedOverFamily();
        assertEquals("4 pairs of one initialiser and seed", pooled.rows().get(1).get(4));
        String html = pooled.html();
        org.junit.jupiter.api.Assertions.assertTrue(html.contains("What the test asks of 4 pairs of one initialiser "
                + "and seed: p below 0.05, that is a paired |t| above 3.2 (3 degrees of freedom)"), html);
        org.junit.jupiter.api.Assertions.assertFalse(html.contains("seeds"), html);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Claims("x", Claims.Budget.OURS, "points", 2).pairedAs(" "));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> pooled.pairedAs("pairs"),
                "after claims were added: their sample column would keep the old noun");
    }

    /**
     * A family of one claim, looked at once, is no correction: its verdict says the test's own p (0.342: SciPy's
     * ttest_1samp of -1, 0.5, -2, 0, t -1.127 on 3 degrees of freedom), not a "Holm p", and the size 80% power needs
     * without "before Holm's correction".
     */
    @Test
    void aFamilyOfOneSaysPlainP() {
        String verdict = new Claims("initialisers", Claims.Budget.OURS, "points", 2)
                .pairedAs("pairs of one initialiser and seed")
                .add("4 pooled", "Mish ahead of swish on average", "none", Paired.of("swish",
                        List.of(-1.0, 0.5, -2.0, 0.0)), true)
                .correctedOverFamily().verdicts().get(0);
        org.junit.jupiter.api.Assertions.assertTrue(verdict.contains("not resolvable: the interval contains 0 (p 0.34; "
                + "80% power at this spread needs about "), verdict);
        org.junit.jupiter.api.Assertions.assertFalse(verdict.contains("Holm"), verdict);
    }

    /**
     * On a bounded metric a spread so wide that 80% power needs more than the scale allows is said as such: 8.17
     * points are needed (as above) and Mish's 5% accuracy leaves at most 5; with room for 8.17 the size is quoted,
     * and so is the most Holm's correction over the three claims can ask, 24.48 points (SciPy's noncentral t at 0.05 /
     * 3 and 1 degree of freedom: 48.957 standard errors of 0.5), where the scale leaves that much (30 points), else
     * said to be possibly more than the scale leaves, not quoted. Each says its Holm p over the three: 3 x 0.1257
     * (t 5 at 1 degree of freedom, as below) = 0.38.
     */
    @Test
    void aDetectableSizeBeyondTheScaleIsNotQuotedAsOne() {
        PairedComparison accuracy = Paired.of("relu", List.of(-2.0, -3.0), 0, 0);
        assertEquals(List.of("N = 22: Mish ahead of relu: not resolvable: the interval contains 0 (Holm p 0.38; 80% "
                + "power at this spread needs about 8.17 points before Holm's correction, more than the 5.00 points "
                + "the scale leaves at the observed means)", "N = 20: Mish ahead of relu: not resolvable: the interval "
                + "contains 0 (Holm p 0.38; 80% power at this spread needs about 8.17 points before Holm's correction, "
                + "and after it possibly more than the 8.20 points the scale leaves)", "N = 18: Mish ahead of relu: "
                + "not resolvable: the interval contains 0 (Holm p 0.38; 80% power at this spread needs about 8.17 "
                + "points before Holm's correction, and after it up to 24.48 points)"),
                new Claims("blocks N", Claims.Budget.PAPERS, "points", 2)
                        .add("N = 22", "Mish ahead of relu", "plot only", accuracy, true, 5.0)
                        .add("N = 20", "Mish ahead of relu", "plot only", accuracy, true, 8.2)
                        .add("N = 18", "Mish ahead of relu", "plot only", accuracy, true, 30)
                        .correctedOverFamily().verdicts());
    }

    /**
     * Three claims resolved alone (p 0.01, 0.03, 0.04 uncorrected) are one family: Holm gives 0.03, 0.06, 0.06. What
     * 80% power needs after it is at most Holm's strictest step's: SciPy's noncentral t at 0.05 / 3 and 4 degrees of
     * freedom, 5.1243 standard errors of 1 / sqrt(5), 2.29 points.
     */
    @Test
    void holmRunsOverTheWholeFamily() {
        double[] p = {0.01, 0.03, 0.04};
        Claims claims = new Claims("setting", Claims.Budget.REDUCED, "points", 2);
        for (int i = 0; i < 3; i++) {
            // every claim "swish" (labels repeat across settings): uncorrected p set by hand
            claims.add("setting " + i, "Mish ahead of swish", "–", new PairedComparison("swish", 5, -2, 1, p[i], p[i],
                    -3, -1, 1.5, 0, 0), true, i == 2 ? 2.0 : Double.NaN); // the last: a scale with 2 points of room
        }
        List<String> verdicts = claims.correctedOverFamily().verdicts();
        assertEquals("setting 0: Mish ahead of swish: holds at this reduced budget (the paper's budget not run; Holm p "
                + "0.03)", verdicts.get(0));
        assertEquals("setting 1: Mish ahead of swish: not resolvable after Holm's correction (Holm p 0.06; after it, 80% "
                + "power at this spread needs up to 2.29 points)", verdicts.get(1));
        assertEquals("setting 2: Mish ahead of swish: not resolvable after Holm's correction (Holm p 0.06; after it, 80% "
                + "power at this spread needs possibly more than the 2.00 points the scale leaves)", verdicts.get(2));
    }

    /**
     * Claims whose sample grew after their verdicts were reported count once per look: p 0.01 and 0.03 over 2 claims
     * and 2 looks are ranks 1 and 2 of 4 (0.04 and 0.09), where one look gives 0.02 and 0.03.
     */
    @Test
    void eachLookAtTheDataCountsInTheFamily() {
        java.util.function.IntFunction<Claims> claims = looks -> {
            Claims c = new Claims("setting", Claims.Budget.OURS, "points", 2).looks(looks);
            double[] p = {0.01, 0.03};
            for (int i = 0; i < 2; i++) {
                c.add("setting " + i, "Mish ahead of swish", "–", new PairedComparison("swish", 5, -2, 1, p[i], p[i],
                        -3, -1, 1.5, 0, 0), true);
            }
            return c.correctedOverFamily();
        };
        assertEquals(List.of("setting 0: Mish ahead of swish: holds under our protocol (the paper records none; Holm p "
                + "0.02)", "setting 1: Mish ahead of swish: holds under our protocol (the paper records none; Holm p 0.03)"),
                claims.apply(1).verdicts());
        List<String> twice = claims.apply(2).verdicts();
        assertEquals("setting 0: Mish ahead of swish: holds under our protocol (the paper records none; Holm p 0.04)",
                twice.get(0));
        assertTrue(twice.get(1).startsWith("setting 1: Mish ahead of swish: not resolvable after Holm's correction "
                + "(Holm p 0.09"), twice.get(1));
        String html = claims.apply(2).html();
        assertTrue(html.contains("2 comparisons, each counted once per look at the data (2 looks: the sample was extended after its verdicts were first reported): the smallest p below 0.05/4"), html);
        assertTrue(html.contains("once per look at the data"), html);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Claims("x", Claims.Budget.OURS, "points", 2).looks(0));
        // planned at 5 pairs: still 5, one look; a claim on 6 pairs makes it two
        java.util.function.IntFunction<List<String>> extended = n -> new Claims("s", Claims.Budget.OURS, "points", 2)
                .extendedBeyond(5)
                .add("setting 0", "Mish ahead of swish", "–", new PairedComparison("swish", n, -2, 1, 0.01, 0.01, -3,
                        -1, 1.5, 0, 0), true)
                .add("setting 1", "Mish ahead of swish", "–", new PairedComparison("swish", 5, -2, 1, 0.03, 0.03, -3,
                        -1, 1.5, 0, 0), true)
                .correctedOverFamily().verdicts();
        assertEquals(claims.apply(1).verdicts(), extended.apply(5));
        assertEquals(twice, extended.apply(6));
        // an untestable claim is a member at every look too: 1 tested + 1 untested at 2 looks is a family of 4, so
        // p 0.015 becomes 0.06 (3 members would give 0.045 and a verdict)
        Claims withUntested = new Claims("s", Claims.Budget.OURS, "points", 2).looks(2)
                .add("setting 0", "Mish ahead of swish", "–", new PairedComparison("swish", 5, -2, 1, 0.015, 0.015,
                        -3, -1, 1.5, 0, 0), true)
                .untestable("setting 1", "Mish ahead of relu", "–", "no runs yet").correctedOverFamily();
        assertTrue(withUntested.html().contains("the smallest p below 0.05/4"), withUntested.html());
        assertTrue(withUntested.verdicts().get(0).startsWith("setting 0: Mish ahead of swish: not resolvable after "
                + "Holm's correction (Holm p 0.06"), withUntested.verdicts().get(0));
    }

    /**
     * An extension is read once, complete: until every run of a network in the grid has finished, its claims read the
     * planned seeds only; a grid planned at its final size (planned 0) is read only complete.
     */
    @Test
    void anExtensionIsReadOnceComplete() {
        io.github.mishdjl.train.Protocol p = io.github.mishdjl.experiment.Presets.fig5bProtocol(0.5);
        io.github.mishdjl.experiment.Grid grid = new io.github.mishdjl.experiment.Grid("g",
                java.util.Map.of("a", p, "b", p), List.of("mish", "relu"), 3, 2);
        List<RunResult> finished = new java.util.ArrayList<>();
        for (io.github.mishdjl.train.RunSpec s : grid.runs()) {
            if (s.architecture().equals("a") || s.seed() < 2 || s.activation().equals("mish")) {
                finished.add(new RunResult(s.id(), s, "finished", List.of(), 1, "test", java.util.Map.of(), 1.0,
                        null, List.of()));
            }
        }
        assertEquals(3, Claims.seedsToRead(finished, grid, "a", 2), "a: all 6 runs in, the extension is read");
        assertEquals(2, Claims.seedsToRead(finished, grid, "b", 2), "b: relu seed 2 missing, the first look stands");
        assertEquals(0, Claims.seedsToRead(finished, grid, "b", 0), "planned at its final size: nothing part-way");
        assertEquals(3, Claims.seedsToRead(finished, grid, "a", 0));
        assertEquals(Integer.MAX_VALUE, Claims.seedsToRead(finished, null, "b", 2), "no grid: every seed");
    }

    /**
     * What counting the second look buys, simulated where every claim is false: 2 claims of no true difference
     * (differences drawn from N(0, 1)), read at 3 paired seeds and again at 5 (the first 3 and 2 more, as an
     * extension adds them). Each look's family keeps its own chance of any false verdict, at most 5% (Holm) at the
     * first and 2.5% at the second, so over both at most 7.5% (Claims.looks); the second look read as if it were the
     * first would spend another 5%. Measured over 20,000 seeded draws, with 3 standard errors of slack.
     */
    @Test
    void twoLooksUnderTheNullStayWithinTheirBound() {
        java.util.Random random = new java.util.Random(20261204);
        int draws = 20_000;
        int first = 0;
        int either = 0;
        int eitherUncounted = 0;
        for (int r = 0; r < draws; r++) {
            List<List<Double>> d = new java.util.ArrayList<>();
            for (int claim = 0; claim < 2; claim++) {
                List<Double> x = new java.util.ArrayList<>();
                for (int seed = 0; seed < 5; seed++) {
                    x.add(random.nextGaussian());
                }
                d.add(x);
            }
            boolean atFirst = anyResolved(d, 3, true);
            first += atFirst ? 1 : 0;
            either += atFirst || anyResolved(d, 5, true) ? 1 : 0;
            eitherUncounted += atFirst || anyResolved(d, 5, false) ? 1 : 0;
        }
        double slack = 3 * Math.sqrt(0.075 * 0.925 / draws);
        double firstRate = first / (double) draws;
        // Holm over 2 independent claims at 5%: 1 - 0.975^2 = 0.049 at its first step, a little more after it
        assertTrue(firstRate > 0.04 && firstRate <= 0.05 + slack, "first look: " + firstRate);
        assertTrue(either / (double) draws <= 0.075 + slack, "either look: " + either / (double) draws);
        assertTrue(eitherUncounted > either + draws / 200, "uncounted, the second look spends more: " + eitherUncounted
                + " against " + either + " of " + draws);
    }

    /** Whether any of the claims on the first n differences resolves; counted: planned at 3 pairs. */
    private static boolean anyResolved(List<List<Double>> d, int n, boolean counted) {
        Claims c = new Claims("s", Claims.Budget.OURS, "points", 2);
        if (counted) {
            c.extendedBeyond(3);
        }
        for (int i = 0; i < d.size(); i++) {
            c.add("setting " + i, "Mish ahead of swish", "–", Paired.of("swish", d.get(i).subList(0, n)), true);
        }
        return c.correctedOverFamily().verdicts().stream().anyMatch(v -> v.contains("under our protocol"));
    }

    /**
     * A claim not testable yet is still one of the family: one resolved claim beside it is corrected over two. The
     * table then says what Holm's correction over two asks of 2 seeds (SciPy: t.ppf(1 - 0.05 / 4, 1) = 25.45).
     */
    @Test
    void anUntestableClaimCountsInTheFamily() {
        PairedComparison c = new PairedComparison("relu", 2, -0.66, 0.05, 0.033, 0.033, -1.1, -0.22, 0.8, 0, 0);
        Claims claims = new Claims("network", Claims.Budget.REDUCED, "loss rise", 3)
                .add("resnet20", "Mish's loss rises less than relu's", "images", c, true)
                .untestable("resnet20", "Mish's loss rises less than swish's", "images", "1 paired seed(s)");
        org.junit.jupiter.api.Assertions.assertFalse(claims.html().contains("asks"), "not corrected yet: not said");
        List<String> verdicts = claims.correctedOverFamily().verdicts();
        // at most: SciPy's noncentral t at 0.05 / 2 and 1 degree of freedom, 32.643 standard errors of 0.05 / sqrt(2)
        assertEquals("resnet20: Mish's loss rises less than relu's: not resolvable after Holm's correction (Holm p 0.066; "
                + "after it, 80% power at this spread needs up to 1.154 in loss rise)", verdicts.get(0));
        org.junit.jupiter.api.Assertions.assertTrue(claims.html().contains("What Holm's correction asks of 2 paired "
                + "seeds and 2 comparisons: the smallest p below 0.05/2, that is a paired |t| above 25.5 (1 degree of "
                + "freedom)"), claims.html());
    }

    @Test
    void theBudgetDecidesHowFarAResolvedVerdictGoes() {
        PairedComparison behind = new PairedComparison("swish", 3, 2, 0.1, 0.001, 0.001, 1.5, 2.5, 0.5, 0, 0);
        PairedComparison ahead = new PairedComparison("relu", 3, -2, 0.1, 0.001, 0.001, -2.5, -1.5, 0.5, 0, 0);
        for (Claims.Budget b : Claims.Budget.values()) {
            List<String> v = new Claims("network", b, "points", 2).add("net", "Mish ahead of relu", "+1", ahead, true)
                    .add("net", "Mish ahead of swish", "+1", behind, true).verdicts();
            switch (b) {
                // a resolved verdict says the p it rests on (not corrected over the family yet: each comparison's own)
                case PAPERS -> assertEquals(List.of("net: Mish ahead of relu: reproduced (p 0.001)",
                        "net: Mish ahead of swish: not reproduced: the other way round (p 0.001)"), v);
                case REDUCED -> assertTrue(v.get(0).endsWith("holds at this reduced budget (the paper's budget not run; "
                        + "p 0.001)") && v.get(1).endsWith("reversed at this reduced budget (the paper's budget not run; "
                        + "p 0.001)"), v.toString());
                case OURS -> assertTrue(v.get(0).endsWith("holds under our protocol (the paper records none; p 0.001)")
                        && v.get(1).endsWith("reversed under our protocol (the paper records none; p 0.001)"),
                        v.toString());
            }
        }
        // corrected over the family, Holm's: the smaller p doubled (two members), the larger kept above it
        PairedComparison smaller = new PairedComparison("relu", 3, -2, 0.1, 0.0004, 0.0004, -2.5, -1.5, 0.5, 0, 0);
        assertEquals(List.of("net: Mish ahead of relu: reproduced (Holm p < 0.001)",
                "net: Mish ahead of swish: not reproduced: the other way round (Holm p 0.001)"),
                new Claims("network", Claims.Budget.PAPERS, "points", 2).add("net", "Mish ahead of relu", "+1", smaller,
                        true).add("net", "Mish ahead of swish", "+1", behind, true).correctedOverFamily().verdicts());
        Claims missing = new Claims("network", Claims.Budget.PAPERS, "points", 2).untestable("net", "Mish ahead of gelu", "+1",
                "1 and 2 finished runs");
        assertEquals("net: Mish ahead of gelu: not testable yet (1 and 2 finished runs)", missing.verdicts().get(0));
        assertEquals("not testable yet", missing.rows().get(1).get(5));
        assertTrue(missing.html().contains("Positive: Mish better"));
        assertEquals("", missing.forest("nothing tested"), "no tested claim, no chart");
        String forest = new Claims("network", Claims.Budget.PAPERS, "points", 2)
                .add("net", "Mish ahead of relu", "+1", new PairedComparison("relu", 3, -2, 0.1, 0.001, 0.001, -2.5,
                        -1.5, 0.5, 0, 0), true).forest("claims");
        assertTrue(forest.contains("<svg") && forest.contains("net: Mish ahead of relu"), forest);
    }

    /** The budget comes from the runs' protocols against the recorded ones. */
    @Test
    void theBudgetIsReadFromTheRuns() {
        var fig5a = io.github.mishdjl.experiment.RecordedProtocols.FIG_5A.protocol();
        java.util.function.BiFunction<String, io.github.mishdjl.train.Protocol, io.github.mishdjl.train.RunResult> run =
                (arch, p) -> {
                    var spec = new io.github.mishdjl.train.RunSpec(arch, "mish", 0, p);
                    return new io.github.mishdjl.train.RunResult(spec.id(), spec, "finished", List.of(), 1, "test",
                            java.util.Map.of(), 1, null, List.of());
                };
        assertEquals(Claims.Budget.PAPERS, Claims.budgetOf(List.of(run.apply("deep-dense-12", fig5a))));
        assertEquals(Claims.Budget.REDUCED, Claims.budgetOf(List.of(run.apply("deep-dense-12", fig5a.withEpochs(1)))));
        assertEquals(Claims.Budget.REDUCED, Claims.budgetOf(List.of(run.apply("deep-dense-12",
                fig5a.withFractions(0.5, 1)))));
        assertEquals(Claims.Budget.REDUCED, Claims.budgetOf(List.of(run.apply("deep-dense-12",
                fig5a.withFractions(1, 0.5)))), "half the test set");
        assertEquals(Claims.Budget.OURS, Claims.budgetOf(List.of(run.apply("five-layer-cnn", fig5a))),
                "Fig. 5b's network has no recorded protocol");
        assertEquals(Claims.Budget.OURS, Claims.budgetOf(List.of(run.apply("deep-dense-12",
                fig5a.withInitializer("he_normal")))), "the recorded budget under another initialiser");
    }

    /** Identical differences on every seed (two collapsed networks per side) give no verdict, not "reproduced". */
    @Test
    void noSpreadIsNeverResolved() {
        List<String> v = new Claims("blocks N", Claims.Budget.PAPERS, "points", 2)
                .add("N = 22", "Mish ahead of relu", "plot only", Paired.of("relu", List.of(-1.55, -1.55)), true)
                .add("N = 22", "Mish ahead of swish", "plot only", Paired.of("swish", List.of(-3.0, -2.0)), true)
                .correctedOverFamily().verdicts();
        assertEquals("N = 22: Mish ahead of relu: not resolvable: every seed differs by the same amount, so the sample "
                + "gives no interval", v.get(0));
        assertTrue(v.get(1).contains("not resolvable: the interval contains 0"), v.get(1));
    }

    /**
     * An unresolved claim says its p too, Holm's once corrected: t 5 and 2 at 1 degree of freedom are p 2 atan(1/t) /
     * pi = 0.1257 and 0.2952, which Holm's step-down over the two makes 0.2513 and 0.2952.
     */
    @Test
    void anUnresolvedClaimSaysItsHolmP() {
        List<String> v = new Claims("blocks N", Claims.Budget.PAPERS, "points", 2)
                .add("N = 22", "Mish ahead of relu", "plot only", Paired.of("relu", List.of(-2.0, -3.0)), true)
                .add("N = 22", "Mish ahead of swish", "plot only", Paired.of("swish", List.of(-1.0, -3.0)), true)
                .correctedOverFamily().verdicts();
        assertTrue(v.get(0).contains("not resolvable: the interval contains 0 (Holm p 0.25; 80% power"), v.get(0));
        // two significant digits, no trailing 0
        assertTrue(v.get(1).contains("not resolvable: the interval contains 0 (Holm p 0.3; 80% power"), v.get(1));
    }

    @Test
    void aPValueJustAboveTheLevelIsNotShownAsTheLevel() {
        // Holm's p 0.0504 shown as "0.05" would read as a pass; two digits elsewhere
        assertEquals("0.0504", Claims.twoDigits(0.05039));
        assertEquals("0.0496", Claims.twoDigits(0.04962));
        assertEquals("0.068", Claims.twoDigits(0.0681));
        assertEquals("0.0044", Claims.twoDigits(0.00443));
        // so close that three digits would round onto it: rounded away from the level, to the side p is on
        assertEquals("0.0499", Claims.twoDigits(0.04996));
        assertEquals("0.0501", Claims.twoDigits(0.05004));
        assertEquals("0.05", Claims.twoDigits(0.05));
        // a resolved verdict's p: below 0.001 as a bound
        assertEquals("< 0.001", Claims.pValue(0.00099));
        assertEquals("0.001", Claims.pValue(0.001));
    }
}
