package io.github.mishdjl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mishdjl.train.EpochStats;
import io.github.mishdjl.train.RunResult;
import io.github.mishdjl.train.RunSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A grid part-way through is reported comparison by comparison: each pair with two shared seeds gets its paired
 * interval and verdict, an activation with one run is named as not testable, and the paper's numbers (Table 2's
 * single runs, Table 1's means) stand beside ours with what each cell is.
 */
class ReportTest {

    private static RunResult run(String arch, String activation, int seed, double accuracyPercent) {
        RunSpec spec = new RunSpec(arch, activation, seed, io.github.mishdjl.experiment.RecordedProtocols.NOTEBOOKS.protocol());
        return new RunResult(spec.id(), spec, "finished", List.of(new EpochStats(1, 1.0, 0.5, 1.0,
                accuracyPercent / 100, 0.9, 0.1, 1.0)), 1, "test", Map.of(), 1.0, null, List.of());
    }

    /** A Table 2 grid with 5 of 18 runs in (as ours stood): Mish and Swish with seeds 0 and 1, ReLU with seed 0. */
    @Test
    void aPartialGridIsTestedPairByPair() {
        List<RunResult> runs = List.of(run("wrn-10-2", "mish", 0, 77.68), run("wrn-10-2", "mish", 1, 77.76),
                run("wrn-10-2", "swish", 0, 77.72), run("wrn-10-2", "swish", 1, 78.70),
                run("wrn-10-2", "relu", 0, 76.68));
        String md = new Report(runs, "t", List.of("mish", "swish", "relu")).markdown();
        // by hand: differences 0.04 and 0.94, mean 0.49, sd 0.90 / sqrt 2, t(0.975, 1) = 12.7062
        double sd = 0.90 / Math.sqrt(2);
        double half = 12.706204736174707 * sd / Math.sqrt(2);
        String ci = String.format(Locale.ROOT, "[%.2f, %.2f]", 0.49 - half, 0.49 + half);
        assertTrue(md.contains("| swish | 2 | +0.49 | " + ci), md);
        assertTrue(md.contains("swish - mish +0.49 points, 95% CI " + ci + " (2 paired seeds): not resolved"), md);
        assertTrue(md.contains("relu against mish: not testable yet (1 and 2 finished runs"), md);
        assertTrue(md.indexOf("swish - mish +0.49 points") < md.indexOf("relu against mish"), "in the grid's order");
        assertTrue(md.indexOf("| Mish ahead of swish |") < md.indexOf("| Mish ahead of relu |"), "in the grid's order");
        assertTrue(md.contains("not tested yet (fewer than 2 finished runs): relu (1 finished)"), md);
        assertTrue(md.contains("| mish | 77.72 | 0.057 | 2 | baseline |"), "the baseline is not tested against itself");
        assertTrue(md.contains("mean ± sample standard deviation over seeds") && md.contains("Table 2, one run"), md);
        assertTrue(md.contains("| wrn-10-2 | cifar10 | 77.72 ± 0.06 (n=2) | 78.21 ± 0.69 (n=2) | 76.68 (n=1) | 86.83 "
                + "| 86.56 | 84.56 |"), md);
        // the paper's claims, one verdict each: Mish - Swish is -0.49 [-6.21, 5.23]
        assertTrue(md.contains(String.format(Locale.ROOT, "| wrn-10-2 | Mish ahead of swish | +0.27 | -0.49 [%.2f, %+.2f] "
                + "| 2 paired seeds | not resolvable: the interval contains 0", -0.49 - half, -0.49 + half)), md);
        assertTrue(md.contains("| wrn-10-2 | Mish ahead of relu | +2.27 | – | 1 and 2 finished runs | not testable yet |"),
                md);
    }

    /** Table 2's CIFAR-10 gaps are no scale for other data: a Fig. 5a (MNIST) report leaves them out. */
    @Test
    void thePapersCifarGapsAreNoScaleForMnist() {
        List<RunResult> runs = new java.util.ArrayList<>();
        for (int seed = 0; seed < 2; seed++) {
            for (String a : List.of("mish", "relu")) {
                RunSpec spec = new RunSpec("deep-dense-12", a, seed, io.github.mishdjl.train.Protocol.depthFigure(10));
                runs.add(new RunResult(spec.id(), spec, "finished", List.of(new EpochStats(1, 1.0, 0.5, 1.0,
                        0.97 + 0.01 * seed, 0.9, 0.1, 1.0)), 1, "test", Map.of(), 1.0, null, List.of()));
            }
        }
        String md = new Report(runs, "t", List.of("mish", "relu")).markdown();
        assertTrue(md.contains("this report sets no published number beside ours"), md);
        assertTrue(!md.contains("For scale"), md);
        // on CIFAR-10, a network outside Table 2 (the official ResNet-20) still gets Table 2's scale
        List<RunResult> cifar = List.of(run("resnet20", "mish", 0, 84.4), run("resnet20", "mish", 1, 84.0),
                run("resnet20", "relu", 0, 83.5), run("resnet20", "relu", 1, 84.3));
        assertTrue(new Report(cifar, "t", List.of("mish", "relu")).markdown().contains("For scale: in the paper's "
                + "Table 2"));
    }

    /** ELU(1) and CELU(1), as Table 1 lists them, are one hypothesis in Holm's family, and the report says why. */
    @Test
    void twoNamesOfOneFunctionCountOnceInHolmsFamily() {
        List<RunResult> runs = new java.util.ArrayList<>();
        double[] mish = {55.1, 56.0, 55.9};
        double[] elu = {53.0, 54.1, 53.2};
        double[] relu = {54.0, 55.2, 54.1};
        for (int seed = 0; seed < 3; seed++) {
            runs.add(run("squeezenet", "mish", seed, mish[seed]));
            runs.add(run("squeezenet", "elu:1", seed, elu[seed]));
            runs.add(run("squeezenet", "celu:1", seed, elu[seed]));
            runs.add(run("squeezenet", "relu", seed, relu[seed]));
        }
        String md = new Report(runs, "t", List.of("mish", "elu:1", "celu:1", "relu")).markdown();
        assertTrue(md.contains("Holm's correction over the 3 comparisons, 2 hypotheses: elu:1 and celu:1 compute one "
                + "function, so their comparisons count once"), md);
        assertTrue(md.contains("What Holm's correction asks of 3 paired seeds and 3 comparisons (2 hypotheses): the "
                + "smallest p below 0.05/2"), md);
    }

    /**
     * Holm's family is the grid's plan: with ReLU planned and none of its runs in, Swish's p is doubled already, as it
     * will be once ReLU's runs arrive, and the text says the family counts a comparison not testable yet.
     */
    @Test
    void holmsFamilyIsEveryActivationTheGridPlans(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        io.github.mishdjl.experiment.ResultsStore store = new io.github.mishdjl.experiment.ResultsStore(dir);
        store.recordGrid(new io.github.mishdjl.experiment.Grid("g", Map.of("wrn-10-2",
                io.github.mishdjl.experiment.RecordedProtocols.NOTEBOOKS.protocol()), List.of("mish", "swish", "relu"),
                3));
        double[] mish = {77.7, 77.8, 79.1};
        double[] swish = {77.6, 78.7, 80.0};
        for (int seed = 0; seed < 3; seed++) {
            store.add(run("wrn-10-2", "mish", seed, mish[seed]));
            store.add(run("wrn-10-2", "swish", seed, swish[seed]));
        }
        String md = Report.of(store, "t").markdown();
        assertTrue(md.contains("Holm's correction over the 2 comparisons planned (1 not testable yet, counted all the "
                + "same)"), md);
        io.github.mishdjl.stats.PairedComparison alone = io.github.mishdjl.stats.Paired.compare(store.all(), "wrn-10-2",
                "mish", List.of("swish")).get(0);
        assertTrue(md.contains(String.format(Locale.ROOT, "| %.3g | %.3g |", alone.pValue(),
                Math.min(1, 2 * alone.pValue()))), md);
        // a report of the runs alone (no plan) knows only the activations present: a family of one
        String unplanned = new Report(store.all(), "t").markdown();
        assertTrue(unplanned.contains("Holm's correction over the 1 comparison,"), unplanned);
        // a sample extended after its verdicts were reported: each comparison counts once per look (2 x 2 members)
        String twice = Report.of(store, "t").looks(2).markdown();
        assertTrue(twice.contains("each counted 2 times, once per look at the data"), twice);
        assertTrue(twice.contains(String.format(Locale.ROOT, "| %.3g | %.3g |", alone.pValue(),
                Math.min(1, 4 * alone.pValue()))), twice);
        assertTrue(twice.contains("2 comparisons, each counted once per look at the data (2 looks"), twice);
        // planned at 3 seeds and still 3: one look; planned at 2 and now 3: two
        java.util.function.UnaryOperator<String> undated = m -> m.replaceAll("Generated \\S+", "Generated");
        assertEquals(undated.apply(md), undated.apply(Report.of(store, "t").extendedBeyond(3).markdown()));
        assertEquals(undated.apply(twice), undated.apply(Report.of(store, "t").extendedBeyond(2).markdown()));
        // the default title names the folder's grid (`mish compare` and `mish report` write the same report), and
        // without a grid recorded, only the title
        assertTrue(Report.of(store).markdown().startsWith("# Mish vs other activations: g\n"));
        io.github.mishdjl.experiment.ResultsStore noGrid = new io.github.mishdjl.experiment.ResultsStore(
                dir.resolve("no-grid"));
        noGrid.add(run("wrn-10-2", "mish", 0, 77.7));
        assertTrue(Report.of(noGrid).markdown().startsWith("# Mish vs other activations\n"));
        assertEquals(undated.apply(md.replaceFirst("# t\n", "# Mish vs other activations: g\n")),
                undated.apply(Report.of(store).markdown()));
    }

    /** The official SqueezeNet is Table 1's network: its 23-run means stand beside ours, for all 13 activations. */
    @Test
    void table1sMeansStandBesideTheSqueezeNet() {
        List<RunResult> runs = new ArrayList<>();
        for (int seed = 0; seed < 2; seed++) {
            runs.add(run("squeezenet", "mish", seed, 60 + seed));
            runs.add(run("squeezenet", "elu:1", seed, 59 + 2 * seed));
        }
        String md = new Report(runs, "t", List.of("mish", "elu:1")).markdown();
        assertTrue(md.contains("as the Mish paper's Table 1 reports"), md);
        assertTrue(md.contains("| mish (paper) | elu:1 (paper) |") && md.contains("| 87.48 | 86.41 |"), md);
        assertTrue(md.contains("Table 1, mean of 23 runs") && md.contains("in the paper's Table 1 (means of 23 runs"),
                md);
        assertTrue(!md.contains("paper's Table 2"), "Table 2 has no SqueezeNet row: " + md);
        // differences 1 - 1 = 0 and 3 - 2 ... elu - mish: seed 0: -1, seed 1: 0 -> mean -0.5
        assertTrue(md.contains("elu:1 - mish -0.50 points"), md);
        assertTrue(md.contains("| squeezenet | Mish ahead of elu:1 | +1.07 | +0.50 ["), md);
        assertEquals(87.48, io.github.mishdjl.stats.PaperNumbers.published("squeezenet", "mish"));
    }

    /** Table 1's 13 activations would make 28 columns: the table turns, a row per activation as in the paper. */
    @Test
    void manyActivationsGetARowEach() {
        List<RunResult> runs = new ArrayList<>();
        List<String> names = io.github.mishdjl.stats.PaperNumbers.TABLE_1.stream()
                .map(io.github.mishdjl.stats.Summary::name).toList();
        assertEquals(13, names.size());
        for (int a = 0; a < names.size(); a++) {
            for (int seed = 0; seed < 2; seed++) {
                runs.add(run("squeezenet", names.get(a), seed, 50 + a + seed));
            }
        }
        Report report = new Report(runs, "t", names);
        List<List<String>> rows = report.accuracyRows();
        assertEquals(List.of("activation", "squeezenet on cifar10 (ours)", "squeezenet (paper)"), rows.get(0));
        assertEquals(14, rows.size());
        assertEquals(List.of("mish", "50.50 ± 0.71 (n=2)", "87.48"), rows.get(1));
        for (int a = 0; a < names.size(); a++) {
            assertEquals(names.get(a), rows.get(a + 1).get(0), "in the report's order");
            assertEquals(String.format(Locale.ROOT, "%.2f", io.github.mishdjl.stats.PaperNumbers.TABLE_1.get(a).mean()),
                    rows.get(a + 1).get(2), names.get(a));
        }
        // the reading: a line per comparison, nested under the network in the HTML
        List<String> reading = report.readingMarkdown();
        assertEquals(12, reading.stream().filter(l -> l.startsWith("  - ") && l.contains(" - mish ")).count(), reading
                .toString());
        // and what Holm's correction asks of 2 seeds over 12 comparisons, 11 hypotheses (ELU(1) and CELU(1) are one
        // function): t.ppf(1 - 0.05 / 22, 1) = tan(pi (0.5 - 0.05 / 22)) = 140.05
        assertTrue(reading.contains("  - What Holm's correction asks of 2 paired seeds and 12 comparisons (11 "
                + "hypotheses): the smallest p below 0.05/11, that is a paired |t| above 140.1 (1 degree of freedom), a "
                + "mean difference about 99.0 times the standard deviation of its per-pair differences."),
                reading.toString());
        // elu:1 (+4 with float-rounding spread) resolves on its own p; celu:1 (+10, no spread) gives it no p to share
        assertTrue(reading.stream().noneMatch(l -> l.contains("Holm NaN")), reading.toString());
        String html = report.html();
        int at = html.indexOf("<li>squeezenet (an unresolved difference");
        assertTrue(at > 0 && html.startsWith("<ul>\n<li>", html.indexOf(":", at) + 1), html);
        List<RunResult> three = runs.stream().filter(r -> names.subList(0, 3).contains(r.spec().activation())).toList();
        assertEquals("architecture", new Report(three, "t", names.subList(0, 3)).accuracyRows().get(0).get(0),
                "a few activations stay columns");
    }

    /**
     * Two seeds that disagree wildly (Swish 10% and 90% beside Mish's 92% and 93%, as deep networks do when one seed
     * collapses) need a difference of hundreds of points for 80% power: the reading says no difference the accuracy
     * scale allows would be detected, not that "about 645 points" would be, and so does the claims table.
     */
    @Test
    void aDetectableSizeBeyondTheScaleIsSaidAsSuch() {
        List<RunResult> runs = List.of(run("wrn-10-2", "mish", 0, 92), run("wrn-10-2", "mish", 1, 93),
                run("wrn-10-2", "swish", 0, 10), run("wrn-10-2", "swish", 1, 90));
        String md = new Report(runs, "t", List.of("mish", "swish")).markdown();
        // differences -82 and -3: sd 79 / sqrt 2, se 39.5; noncentrality 16.334 (df 1) * 39.5 = 645.2
        assertTrue(md.contains("not resolved; 80% power at this spread needs about 645.19 points before Holm's "
                + "correction, more than the accuracy scale leaves on either side of mish's observed mean of 92.50% (at "
                + "most 92.50, in the larger direction)"), md);
        assertTrue(md.contains("80% power at this spread needs about 645.19 points before Holm's correction, more "
                + "than the 92.50 points the scale leaves at the observed means"), md);
    }

    /**
     * What 80% power needs is said before Holm's correction and at most after it (Holm's strictest step, 0.05 / 2 over
     * Swish and ReLU), in the reading and the paired table. 3 seeds: Swish - Mish +0.5, -1, +1.5 (se 0.7265), ReLU -
     * Mish -1, -0.5, -1 (se 0.1667, t -5, p 0.038, Holm 0.075). SciPy's noncentral t at 2 degrees of freedom: 5.6535
     * standard errors at 0.05 and 8.0104 at 0.025.
     */
    @Test
    void whatPowerNeedsIsSaidBeforeAndAfterHolm() {
        double[][] acc = {{80, 81, 82}, {80.5, 80, 83.5}, {79, 80.5, 81}};
        List<String> names = List.of("mish", "swish", "relu");
        List<RunResult> runs = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            for (int seed = 0; seed < 3; seed++) {
                runs.add(run("wrn-10-2", names.get(a), seed, acc[a][seed]));
            }
        }
        String md = new Report(runs, "t", names).markdown();
        assertTrue(md.contains("not resolved; 80% power at this sample size needs a true difference of about 4.11 "
                + "points before Holm's correction, and after it up to 5.82 points"), md);
        assertTrue(md.contains("but not after Holm's correction (Holm p 0.075; after it, 80% power at this spread needs up "
                + "to 1.34 points)"), md);
        assertTrue(md.contains("(Holm's strictest step, p below 0.05/2)"), md);
        assertTrue(md.contains("| detectable at 80% power | after Holm, at most |"), md);
        assertTrue(md.contains("| 4.11 | 5.82 | 0 / 0 |") && md.contains("| 0.94 | 1.34 | 0 / 0 |"), md);
    }

    /**
     * Holm's correction runs within a network; a report of several networks says that it does not run across them,
     * and what that means (two families: at most 1 - 0.95^2 = 9.75% if independent, Bonferroni's 2 x 5% in any case); a
     * one-network report does not.
     */
    @Test
    void familiesAcrossNetworksAreSaidToBeUncorrected() {
        List<RunResult> runs = new ArrayList<>();
        for (String arch : List.of("wrn-10-2", "resnet20")) {
            for (int seed = 0; seed < 2; seed++) {
                runs.add(run(arch, "mish", seed, 80 + seed));
                runs.add(run(arch, "relu", seed, 78 + 1.5 * seed));
            }
        }
        String both = new Report(runs, "t", List.of("mish", "relu")).markdown();
        assertTrue(both.contains("- **One Holm family per network, none across them.** Each network's comparisons "
                + "with mish are corrected together, the 2 networks are not: if none had a true difference, the "
                + "chance that at least one of them resolves one anyway is at most 9.8% for independent families (1 - "
                + "0.95^2), and at most 10% however they depend on each other."), both);
        String one = new Report(runs.subList(0, 4), "t", List.of("mish", "relu")).markdown();
        assertTrue(!one.contains("One Holm family per network"), one);
    }

    /** A gap the interval resolves is called reproduced or not reproduced, by its sign. */
    @Test
    void resolvedGapsAreCalledBySign() {
        List<RunResult> runs = List.of(run("wrn-10-2", "mish", 0, 80), run("wrn-10-2", "mish", 1, 81),
                run("wrn-10-2", "relu", 0, 70), run("wrn-10-2", "relu", 1, 71.2),
                run("wrn-10-2", "swish", 0, 85), run("wrn-10-2", "swish", 1, 86.1));
        String md = new Report(runs, "t", List.of("mish", "swish", "relu")).markdown();
        // paired t 99 (relu) and 101 (swish) on 1 degree of freedom: p = 2 atan(1/t) / pi, 0.0064 and 0.0063;
        // Holm over the two doubles the smaller and keeps the larger above it: 0.013 for both
        assertTrue(md.contains("| Mish ahead of relu | +2.27 | +9.90 [")
                && md.contains("| 2 paired seeds | reproduced (Holm p 0.013) |"), md);
        assertTrue(md.contains("| 2 paired seeds | not reproduced: the other way round (Holm p 0.013) |"), md);
        assertTrue(md.contains("resolved, swish above mish at this budget"), md);
    }

    /** Below the paper's budget a resolved gap is "at this reduced budget", never "reproduced". */
    @Test
    void aReducedBudgetIsNeverCalledReproduced() {
        io.github.mishdjl.train.Protocol tenEpochs = io.github.mishdjl.experiment.RecordedProtocols.NOTEBOOKS.protocol()
                .withEpochs(10);
        List<RunResult> runs = new ArrayList<>();
        double[][] accuracy = {{80, 81}, {70, 71.2}};
        String[] activations = {"mish", "relu"};
        for (int a = 0; a < 2; a++) {
            for (int seed = 0; seed < 2; seed++) {
                RunSpec spec = new RunSpec("wrn-10-2", activations[a], seed, tenEpochs);
                runs.add(new RunResult(spec.id(), spec, "finished", List.of(new EpochStats(1, 1.0, 0.5, 1.0,
                        accuracy[a][seed] / 100, 0.9, 0.1, 1.0)), 1, "test", Map.of(), 1.0, null, List.of()));
            }
        }
        String md = new Report(runs, "t", List.of("mish", "relu")).markdown();
        // one comparison, not corrected: its own p, paired t 99 on 1 degree of freedom, 2 atan(1/99) / pi
        assertTrue(md.contains("| holds at this reduced budget (the paper's budget not run; p 0.0064) |"), md);
        assertTrue(!md.contains("reproduced"), md);
    }

    /** The paper makes no claim about a network it publishes no number for; the reading still compares. */
    @Test
    void noClaimsForNetworksThePaperHasNoNumberFor() {
        List<RunResult> runs = List.of(run("resnet20", "mish", 0, 80), run("resnet20", "mish", 1, 81),
                run("resnet20", "relu", 0, 70), run("resnet20", "relu", 1, 71.2));
        String md = new Report(runs, "t", List.of("mish", "relu")).markdown();
        assertTrue(!md.contains("The paper's claims, one by one") && !md.contains("Mish ahead of"), md);
        assertTrue(md.contains("relu - mish -9.90 points"), md);
        String partial = new Report(List.of(run("resnet20", "mish", 0, 80), run("resnet20", "swish", 0, 79)), "t",
                List.of("mish", "swish", "relu")).markdown();
        assertTrue(partial.contains("| 80.00 (n=1) | 79.00 (n=1) |") && !partial.contains("relu"),
                "an activation with no run is not a column: " + partial);
        assertTrue(partial.contains("let the grid finish its other seeds"), partial);
    }

    /** An activation whose runs all diverged is named in every section, with its diverged runs, not dropped. */
    @Test
    void anActivationThatOnlyDivergedIsNamed() {
        List<RunResult> runs = new ArrayList<>(List.of(run("wrn-10-2", "mish", 0, 80), run("wrn-10-2", "mish", 1, 81)));
        for (int seed = 0; seed < 2; seed++) {
            RunSpec spec = new RunSpec("wrn-10-2", "relu", seed,
                    io.github.mishdjl.experiment.RecordedProtocols.NOTEBOOKS.protocol());
            runs.add(new RunResult(spec.id(), spec, "diverged", List.of(), 1, "test", Map.of(), 1.0,
                    "loss became NaN", List.of()));
        }
        String md = new Report(runs, "t", List.of("mish", "relu")).markdown();
        assertTrue(md.contains("not tested yet (fewer than 2 finished runs): relu (0 finished, 2 diverged)"), md);
        assertTrue(md.contains("relu against mish: not testable yet (0 and 2 finished runs; at least 2 seeds of each are "
                + "needed) (2 diverged runs left out)"), md);
        assertTrue(md.contains("| wrn-10-2 | Mish ahead of relu | +2.27 | – | 0 and 2 finished runs | not testable yet |"),
                md);
        assertTrue(md.contains("| 80.50 ± 0.71 (n=2) | diverged (2) |"), "the accuracy table says diverged: " + md);
    }

    /** WRN-10-2 as committed: the paper's unpaired test separates ReLU from Mish, the paired one does not; both said. */
    @Test
    void whereTheUnpairedTestDisagreesBothAreSaid() {
        double[][] accuracy = {{77.68, 77.75, 79.06}, {76.68, 77.13, 76.24}};
        String[] activations = {"mish", "relu"};
        List<RunResult> runs = new ArrayList<>();
        for (int a = 0; a < 2; a++) {
            for (int seed = 0; seed < 3; seed++) {
                runs.add(run("wrn-10-2", activations[a], seed, accuracy[a][seed]));
            }
        }
        String md = new Report(runs, "t", List.of("mish", "relu")).markdown();
        assertTrue(md.contains("relu - mish -1.48 points, 95% CI [-4.40, 1.44] (3 paired seeds): not resolved"), md);
        assertTrue(md.contains("(the paper's unpaired test does resolve it: p 0.0458, 95% CI [-2.92, -0.04], "
                + "uncorrected;"), md);
    }

    /**
     * The reading and the claims table judge every comparison by one rule ({@link Evidence#resolution()}): over many
     * random grids, the reading calls a gap resolved exactly where the claims table gives a verdict either way, and
     * "not after Holm's correction" exactly where the claims table does, the same way round, by the paired test and
     * (one grid in three, ReLU's seeds apart from Mish's) by the paper's unpaired one. Each outcome must occur, so
     * the agreement is tested, not assumed.
     */
    @Test
    void theReadingAndTheClaimsAgreeOnEveryComparison() {
        java.util.Random random = new java.util.Random(42);
        java.util.Map<String, Integer> seen = new java.util.TreeMap<>();
        for (int grid = 0; grid < 200; grid++) {
            int seeds = 2 + random.nextInt(3);
            List<RunResult> runs = new ArrayList<>();
            double[] shift = {0, random.nextGaussian() * 2, random.nextGaussian() * 2};
            String[] activations = {"mish", "swish", "relu"};
            // one grid in three: ReLU's seeds share none with Mish's, so it is judged by the unpaired test
            boolean unpaired = grid % 3 == 0;
            for (int seed = 0; seed < seeds; seed++) {
                double base = 78 + random.nextGaussian();
                for (int a = 0; a < 3; a++) {
                    int s = a == 2 && unpaired ? seed + 10 : seed;
                    runs.add(run("wrn-10-2", activations[a], s, base + shift[a] + 0.3 * random.nextGaussian()));
                }
            }
            Report report = new Report(runs, "t", List.of(activations));
            String reading = String.join("\n", report.readingMarkdown());
            List<String> verdicts = report.claims().verdicts();
            for (int a = 1; a < 3; a++) {
                String other = activations[a];
                String verdict = verdicts.stream().filter(v -> v.contains("Mish ahead of " + other + ":")).findFirst()
                        .orElseThrow();
                String line = reading.substring(reading.indexOf(other + " - mish"));
                line = line.substring(0, line.indexOf('\n') < 0 ? line.length() : line.indexOf('\n'));
                boolean resolved = verdict.contains(": reproduced") || verdict.contains("the other way round");
                boolean notAfterHolm = verdict.contains("after Holm's correction");
                assertEquals(resolved, line.contains(": resolved, "), line + " | " + verdict);
                assertEquals(notAfterHolm, line.contains("but not after Holm's correction"), line + " | " + verdict);
                // and the same way round: Mish ahead in the claims is the other below Mish in the reading
                assertEquals(verdict.contains(": reproduced"), resolved && line.contains(other + " below mish"),
                        line + " | " + verdict);
                boolean paired = line.contains("paired seeds");
                assertEquals(a == 2 && unpaired, !paired, line);
                seen.merge((paired ? "" : "unpaired ") + (resolved ? "resolved" : notAfterHolm ? "not after Holm"
                        : "not resolved"), 1, Integer::sum);
            }
        }
        assertEquals(java.util.Set.of("resolved", "not after Holm", "not resolved", "unpaired resolved",
                "unpaired not resolved"), seen.keySet(), seen.toString());
    }

    /** Numbers right, words left, per column, set on each cell so a notebook's style sheet cannot override it. */
    @Test
    void numericColumnsAlignRightAndTextColumnsLeft() {
        String html = Report.htmlTable(List.of(List.of("activation", "mean %", "difference", "verdict"),
                List.of("mish", "78.16", "baseline", "baseline"),
                List.of("swish", "78.79", "+0.63 [-0.64, 1.90]", "not resolvable at this budget"),
                List.of("relu", "not finished yet", "−1.48 [−4.40, 1.44]", "not resolvable at this budget")));
        assertTrue(html.contains("<th style=\"text-align:left\">activation</th><th style=\"text-align:right\">mean %"
                + "</th><th style=\"text-align:right\">difference</th><th style=\"text-align:left\">verdict</th>"), html);
        // "difference": two numbers out of three cells is a majority
        assertTrue(html.contains("<td style=\"text-align:left\">swish</td><td style=\"text-align:right\">78.79</td>"), html);
        assertTrue(html.contains("<td style=\"text-align:right\">not finished yet</td>"), html);
        assertTrue(html.contains("<td style=\"text-align:left\">not resolvable at this budget</td>"), html);
        String sample = Report.htmlTable(List.of(List.of("sample", "share"), List.of("2 paired seeds", "53 of 441"),
                List.of("3 paired seeds", "25%")));
        assertTrue(sample.contains("<td style=\"text-align:left\">2 paired seeds</td><td style=\"text-align:right\">53 of "
                + "441</td>"), "words after a number make text: " + sample);
    }
}
