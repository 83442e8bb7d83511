package io.github.mishdjl.report;

import io.github.mishdjl.experiment.Grid;
import io.github.mishdjl.experiment.RecordedProtocols;
import io.github.mishdjl.experiment.ResultsStore;
import io.github.mishdjl.stats.Comparison;
import io.github.mishdjl.stats.Paired;
import io.github.mishdjl.stats.PairedComparison;
import io.github.mishdjl.stats.PaperNumbers;
import io.github.mishdjl.stats.Significance;
import io.github.mishdjl.stats.Summaries;
import io.github.mishdjl.stats.Summary;
import io.github.mishdjl.train.EpochStats;
import io.github.mishdjl.train.Protocol;
import io.github.mishdjl.train.RunResult;
import io.github.mishdjl.zoo.Architecture;
import io.github.mishdjl.zoo.Zoo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * The report of a results folder: a self-contained HTML page (inline SVG charts, no scripts, works offline)
 * and the same tables in Markdown. It shows the accuracy table with the paper's Table 2 beside ours, training
 * curves per architecture, the significance of each activation against the first (the baseline), diverged
 * runs, and the data, budget and environment the runs had.
 */
@NullMarked
public final class Report {

    /** The title of a results folder's report, followed by its grid's name where one is recorded. */
    public static final String TITLE = "Mish vs other activations";

    private final List<RunResult> results;
    private final String title;

    private final List<String> order;
    /** Holm's family: the activations present and those planned without finished runs yet (see Paired.holm). */
    private final List<String> family;
    /** How many times the claims were tested as the sample grew ({@link #looks(int)}). */
    private int looks = 1;
    /** The seeds the comparisons were planned and first reported at ({@link #extendedBeyond}); 0: not extended. */
    private int planned;
    /** What {@link #of} held back of an extension not yet complete, for the caveat; empty: nothing. */
    private String heldBack = "";

    /**
     * A report of runs compared in the given activation order (the first is the baseline).
     *
     * @param results the runs
     * @param title the heading
     * @param order activations in comparison order, baseline first (others present are appended by name); those
     *     without runs yet still count in the family that Holm's correction runs over
     */
    public Report(List<RunResult> results, String title, List<String> order) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("No finished runs to report; run `mish compare` first");
        }
        this.results = results;
        this.title = title;
        this.order = ResultsStore.activationOrder(results, order);
        List<String> all = new ArrayList<>(this.order);
        order.stream().filter(a -> !all.contains(a)).forEach(all::add);
        this.family = List.copyOf(all);
    }

    /** A report with the default order: Mish first when present (the paper's baseline), the others by name. */
    public Report(List<RunResult> results, String title) {
        this(results, title, List.of());
    }

    /**
     * The report of a results folder, compared against the baseline of the grid stored there; every activation the
     * grid plans is in Holm's family from the first run on, and a folder extended to more seeds after runs finished
     * there counts the extended sample as a second look ({@link Grid#plannedSeeds()}, {@link #extendedBeyond}).
     */
    public static Report of(ResultsStore store) {
        return of(store, store.grid().map(g -> TITLE + ": " + g.name()).orElse(TITLE));
    }

    /** {@link #of(ResultsStore)} under another title. */
    public static Report of(ResultsStore store, String title) {
        java.util.Optional<Grid> grid = store.grid();
        List<RunResult> all = store.all();
        List<RunResult> read = all;
        List<String> held = new ArrayList<>();
        if (grid.isPresent() && grid.get().plannedSeeds() >= 2) {
            // an extension is read once, complete (Claims.seedsToRead): until a network has every seed's runs, its
            // statistics stay on the first look's seeds, and what is held back is said
            Grid g = grid.get();
            read = new ArrayList<>();
            for (String arch : Summaries.architectures(all)) {
                int seeds = Claims.seedsToRead(all, g, arch, g.plannedSeeds());
                List<RunResult> of = all.stream().filter(r -> r.spec().architecture().equals(arch)).toList();
                of.stream().filter(r -> r.spec().seed() < seeds).forEach(read::add);
                long back = of.stream().filter(r -> r.spec().seed() >= seeds).count();
                if (back > 0) {
                    held.add(arch + ": " + back + " of the " + g.runs().stream().filter(s -> s.architecture()
                            .equals(arch) && s.seed() >= seeds).count() + " runs of " + (seeds == g.seeds() - 1
                            ? "seed " + seeds : "seeds " + seeds + "-" + (g.seeds() - 1)));
                }
            }
        }
        Report report = new Report(read, title, grid.map(Grid::activations).orElse(List.of()));
        // a folder extended after runs finished there: the extended sample is a second look
        grid.filter(g -> g.plannedSeeds() >= 2).ifPresent(g -> report.extendedBeyond(g.plannedSeeds()));
        report.heldBack = held.isEmpty() ? "" : "**Held back until complete:** " + String.join("; ", held)
                + " finished so far; a sample extended after its first verdicts is read once, when all its runs are "
                + "in, so until then these statistics read the seeds first reported. ";
        return report;
    }

    /**
     * Counts each comparison once per look at the data in Holm's family: for a folder whose sample was extended
     * (more seeds) after its verdicts were first reported, e.g. 2 for Table 1's 3 seeds extended to 5.
     *
     * @param looks how many times the verdicts were reported as the sample grew (default 1)
     * @return this, for chaining
     */
    public Report looks(int looks) {
        if (looks < 1) {
            throw new IllegalArgumentException("looks must be at least 1, got " + looks);
        }
        this.looks = looks;
        return this;
    }

    /**
     * The comparisons were planned at, and first reported with, {@code plannedSeeds} paired seeds, and the sample was
     * extended after: a network whose comparisons have more pairs is looked at a second time, and each of its
     * comparisons counts twice in Holm's family ({@link #looks}, which this decides then, per network); until then,
     * once.
     *
     * @param plannedSeeds the planned sample, e.g. 3
     * @return this, for chaining
     */
    public Report extendedBeyond(int plannedSeeds) {
        if (plannedSeeds < 2) {
            throw new IllegalArgumentException("a planned sample has at least 2 seeds, got " + plannedSeeds);
        }
        this.planned = plannedSeeds;
        return this;
    }

    /** The looks at one network's data: 2 once its pairs exceed the planned seeds ({@link #extendedBeyond}). */
    private int looks(String arch) {
        if (planned == 0) {
            return looks;
        }
        String baseline = activations().get(0);
        java.util.Set<Integer> base = new java.util.HashSet<>();
        java.util.Map<String, java.util.Set<Integer>> seeds = new java.util.HashMap<>();
        for (RunResult r : results) {
            if (r.spec().architecture().equals(arch) && !r.diverged()) {
                (r.spec().activation().equals(baseline) ? base : seeds.computeIfAbsent(r.spec().activation(),
                        k -> new java.util.HashSet<>())).add(r.spec().seed());
            }
        }
        int pairs = seeds.values().stream().mapToInt(s -> (int) s.stream().filter(base::contains).count()).max()
                .orElse(0);
        return Math.max(looks, pairs > planned ? 2 : 1);
    }

    /** Writes {@code report.html} and {@code report.md} into {@code dir} (atomically); returns the HTML path. */
    public Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            write(dir.resolve("report.md"), markdown());
            Path html = dir.resolve("report.html");
            write(html, Charts.drawing(Charts.Mode.SVG, this::html)); // a file renders offline, whatever the notebook's mode
            return html;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path target, String text) throws IOException {
        io.github.mishdjl.files.AtomicFiles.writeString(target, text);
    }

    private long seeds() {
        return results.stream().mapToInt(r -> r.spec().seed()).distinct().count();
    }

    /** The question the report answers; the paper's tables are named only where their networks are among the runs. */
    private String question() {
        List<String> tables = paperTables();
        return "Question: does swapping only the activation (" + String.join(" vs ", activations()) + ") change "
                + "test accuracy" + (tables.isEmpty() ? "" : ", as the Mish paper's " + String.join(" and ", tables)
                + (tables.size() == 1 ? " reports" : " report") + " (Misra, BMVC 2020, arXiv:1908.08681)")
                + "? Numbers are final-epoch test accuracy in %.";
    }

    /** The paper's tables (Table 1, Table 2) with a row for a network here, in that order. */
    private List<String> paperTables() {
        return Summaries.architectures(results).stream().map(PaperNumbers::table).filter(t -> t != null)
                .map(t -> (String) t).distinct().sorted().toList();
    }

    /** Whether any network here has a published number (else the paper's columns are left out). */
    private boolean paperColumns() {
        return !paperTables().isEmpty();
    }

    /** Whether the paper publishes a number for this activation on any network here (its column is shown). */
    private boolean paperColumn(String activation) {
        return Summaries.architectures(results).stream().anyMatch(a -> PaperNumbers.published(a, activation) != null);
    }

    /** What the accuracy table's cells are: ours with their spread and count, the paper's at its own budget. */
    private String accuracyCaption() {
        List<String> tables = paperTables();
        return "Ours: final test accuracy in %, mean ± sample standard deviation over seeds (n = finished runs), at "
                + "the budget under Budget." + (tables.isEmpty() ? "" : " The paper's, at its own budget: "
                + String.join("; ", tables.stream().map(t -> t.equals("Table 1") ? "Table 1, mean of 23 runs"
                        : "Table 2, one run").toList()) + ".");
    }

    private List<String> activations() {
        return order;
    }

    /** How many comparisons Holm's correction runs over: every planned one, those not testable yet named. */
    private String holmFamily(int tested, int looks) {
        int planned = family.size() - 1;
        String baseline = activations().get(0);
        int hypotheses = Paired.familySize(baseline, family);
        List<List<String>> same = Paired.sameHypothesis(baseline, family);
        return planned + " comparison" + (planned == 1 ? "" : "s") + (planned > tested ? " planned (" + (planned
                - tested) + " not testable yet, counted all the same)" : "") + (same.isEmpty() ? "" : ", "
                + hypotheses + " hypotheses: " + String.join("; ", same.stream().map(g -> String.join(" and ", g)
                        + " compute one function").toList()) + ", so their comparisons count once")
                + (looks == 1 ? "" : ", each counted " + looks + " times, once per look at the data (the sample was "
                        + "extended after its verdicts were first reported)");
    }

    /** Above this many activations the accuracy table has a row per activation, as the paper's Table 1 has. */
    static final int ACTIVATION_COLUMNS_AT_MOST = 4;
    /** A size in accuracy points, as the reading quotes it. */
    private static final java.util.function.DoubleFunction<String> POINTS = x -> String.format(Locale.ROOT,
            "%.2f points", x);

    /**
     * Rows of the accuracy table: a row per architecture with per activation "mean +- std (n)", then the paper's;
     * or, with more than {@link #ACTIVATION_COLUMNS_AT_MOST} activations (Table 1's 13 would make 28 columns), a
     * row per activation with ours and the paper's per architecture.
     */
    List<List<String>> accuracyRows() {
        if (activations().size() > ACTIVATION_COLUMNS_AT_MOST) {
            return accuracyRowsByActivation();
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("architecture", "dataset"));
        for (String a : activations()) {
            header.add(a + " (ours)");
        }
        for (String a : activations()) {
            if (paperColumn(a)) {
                header.add(a + " (paper)");
            }
        }
        rows.add(header);
        for (String arch : Summaries.architectures(results)) {
            List<String> row = new ArrayList<>(List.of(arch, dataset(arch)));
            List<Summary> summaries = Summaries.of(results, arch);
            for (String a : activations()) {
                row.add(ours(arch, a, summaries));
            }
            for (String a : activations()) {
                if (paperColumn(a)) {
                    Double paper = PaperNumbers.published(arch, a);
                    row.add(paper == null ? "–" : f2(paper));
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /** The accuracy table turned: a row per activation; per architecture ours, then the paper's where published. */
    private List<List<String>> accuracyRowsByActivation() {
        List<String> archs = Summaries.architectures(results);
        Map<String, List<Summary>> summaries = new HashMap<>();
        Set<String> published = new HashSet<>(); // networks with a paper column
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("activation"));
        for (String arch : archs) {
            summaries.put(arch, Summaries.of(results, arch));
            header.add(arch + " on " + dataset(arch) + " (ours)");
            if (activations().stream().anyMatch(a -> PaperNumbers.published(arch, a) != null)) {
                published.add(arch);
                header.add(arch + " (paper)");
            }
        }
        rows.add(header);
        for (String a : activations()) {
            List<String> row = new ArrayList<>(List.of(a));
            for (String arch : archs) {
                row.add(ours(arch, a, summaries.get(arch)));
                if (published.contains(arch)) {
                    Double paper = PaperNumbers.published(arch, a);
                    row.add(paper == null ? "–" : f2(paper));
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /** One accuracy cell of ours: "mean ± std (n=k)", or why there is none. */
    private String ours(String arch, String activation, List<Summary> summaries) {
        int diverged = Paired.diverged(results, arch, activation);
        return summaries.stream().filter(s -> s.name().equals(activation)).findFirst()
                .map(s -> f2(s.mean()) + (s.n() > 1 ? " ± " + f2(s.std()) : "") + " (n=" + s.n() + ")")
                .orElse(diverged > 0 ? "diverged (" + diverged + ")" : "not finished yet");
    }

    private String dataset(String arch) {
        return results.stream().filter(r -> r.spec().architecture().equals(arch)).findFirst()
                .map(r -> r.spec().protocol().dataset()).orElse("?");
    }

    /**
     * Significance per architecture: the paper's unpaired pooled t-test over the activations with at least two
     * finished runs, and the paired analysis by seed for each activation with at least two seeds shared with the
     * baseline; activations with fewer runs are named, not dropped silently.
     */
    private List<String> significanceMarkdown() {
        List<String> out = new ArrayList<>();
        String baseline = activations().get(0);
        for (String arch : Summaries.architectures(results)) {
            List<Summary> summaries = Summaries.of(results, arch);
            Summary base = summaries.stream().filter(s -> s.name().equals(baseline)).findFirst().orElse(null);
            if (base == null || base.n() < 2) {
                out.add("- " + arch + ": fewer than 2 finished " + baseline + " runs, so nothing can be tested against "
                        + "it yet (let the grid finish its other seeds, or run with `--seeds 2` or more).");
                continue;
            }
            List<Summary> testable = summaries.stream().filter(s -> s.n() >= 2).toList();
            List<String> untested = new ArrayList<>();
            for (Verdict v : verdicts(arch)) {
                if (v.finished() < 2) {
                    untested.add(v.other() + " (" + v.finished() + " finished" + (v.diverged() > 0 ? ", " + v.diverged()
                            + " diverged" : "") + ")");
                }
            }
            if (testable.size() > 1) {
                out.add("");
                out.add("**" + arch + "**, against " + baseline + " (pooled two-sample t-test, as the paper):");
                out.add("");
                out.addAll(List.of(Markup.markdownTable(significanceRows(Significance.compare(inOrder(testable),
                        baseline, false), 3)).split("\n")));
            }
            if (!untested.isEmpty()) {
                out.add("");
                out.add("- " + arch + ", not tested yet (fewer than 2 finished runs): " + String.join(", ", untested)
                        + ".");
            }
            List<PairedComparison> paired = Paired.compare(results, arch, baseline, family, r -> 100 * r.finalTestAccuracy(), looks(arch));
            if (!paired.isEmpty()) {
                out.add("");
                out.add("**" + arch + "**, paired by seed (the runs of one seed share initialisation and data order): "
                        + "differences other - " + baseline + " in points, paired t-test, Holm's correction over the "
                        + holmFamily(paired.size(), looks(arch)) + ", and the true difference 80% power needs at this spread: "
                        + "before Holm's correction, and the most it can need after it (Holm's strictest step, p "
                        + "below 0.05/" + paired.get(0).family() + "):");
                out.add("");
                out.add("| activation | pairs | mean difference | 95% CI | p | p (Holm) | detectable at 80% power "
                        + "| after Holm, at most | diverged (other / " + baseline + ") |");
                out.add("|---|---|---|---|---|---|---|---|---|");
                for (PairedComparison c : paired) {
                    out.add(String.format(Locale.ROOT, "| %s | %d | %+.2f | [%.2f, %.2f] | %.3g | %.3g | %.2f | %.2f "
                            + "| %d / %d |", c.activation(), c.n(), c.meanDifference(), c.ciLow(), c.ciHigh(),
                            c.pValue(), c.holmP(), c.minimumDetectable(), c.detectableAfterHolm(), c.divergedOther(),
                            c.divergedBaseline()));
                }
            }
        }
        return out;
    }

    private String budget() {
        Set<String> lines = new LinkedHashSet<>();
        for (RunResult r : results) {
            Protocol p = r.spec().protocol();
            String arch = r.spec().architecture();
            lines.add(String.format(Locale.ROOT, "%s on %s: %d epoch%s, batch %d, %s lr %s%s%s, schedule %s, "
                    + "augmentation %s, %.0f%% of train, %.0f%% of test, %s initialisation. Protocol: %s",
                    arch, p.dataset(), p.epochs(), p.epochs() == 1 ? "" : "s", p.batchSize(), p.optimizer(),
                    p.learningRate(),
                    p.optimizer().equals("sgd") && p.momentum() > 0 ? " momentum " + p.momentum() : "",
                    p.weightDecay() > 0 ? " wd " + p.weightDecay() : "", p.schedule(), p.augmentation().describe(),
                    100 * p.trainFraction(), 100 * p.testFraction(), p.initializer(),
                    RecordedProtocols.describe(arch, p)));
        }
        for (String arch : Summaries.architectures(results)) {
            lines.add(arch + ": the network follows " + network(arch));
        }
        return String.join("\n", lines.stream().map(l -> "- " + l).toList());
    }

    /** Which source a network follows, e.g. "the official repository's code, layer for layer (exps/resnet.py)". */
    static String network(String arch) {
        try {
            Architecture a = Zoo.get(arch);
            return a.getSource().getDescription() + a.getOfficialFile().map(f -> " (" + f + ")").orElse("");
        } catch (IllegalArgumentException e) {
            return "a network outside the zoo";
        }
    }

    /** Whether any run's protocol is below the recorded budget (fewer epochs or part of the data). */
    private boolean reduced() {
        return Claims.budgetOf(results) == Claims.Budget.REDUCED;
    }

    /**
     * One activation against the baseline on one network, as far as the finished runs allow: paired by seed where
     * they share at least two seeds (the primary analysis), else the paper's unpaired test where both have at least
     * two finished runs, else nothing. Differences are other - baseline in accuracy points.
     *
     * @param other the other activation
     * @param finished its finished runs; baselineFinished the baseline's
     * @param diverged its diverged runs
     * @param paired the paired comparison, or null
     * @param unpaired the paper's unpaired comparison where both have at least two finished runs, or null
     */
    private record Verdict(String other, long finished, long baselineFinished, int diverged,
            @Nullable PairedComparison paired, @Nullable Comparison unpaired, double baselineMean) {

        boolean testable() {
            return paired != null || unpaired != null;
        }

        /** The largest difference from the baseline the accuracy scale (0 to 100%) allows either way. */
        double room() {
            return Math.max(baselineMean, 100 - baselineMean);
        }

        /** The evidence, other - baseline, that {@link Evidence#resolution()} judges (as the claims table does). */
        Evidence evidence() {
            if (paired != null) {
                return Evidence.of(paired, false, paired.n() + " paired seeds");
            }
            if (unpaired == null) {
                throw new IllegalStateException(other + " is not testable yet");
            }
            return new Evidence(unpaired.mean() - baselineMean, unpaired.ciLow(), unpaired.ciHigh(), Double.NaN,
                    Double.NaN, Double.NaN, "unpaired, n = " + finished + " and " + baselineFinished, false);
        }
    }

    /**
     * Where the paper's unpaired test (in the Significance table) and the paired one disagree on whether the
     * difference is told from 0, the unpaired result, so the reader sees both; else nothing.
     */
    private static String unpairedDisagrees(Verdict v) {
        Comparison u = v.unpaired();
        if (v.paired() == null || u == null) {
            return "";
        }
        boolean unpairedExcludes = Evidence.excludesZero(u.ciLow(), u.ciHigh());
        return unpairedExcludes == v.evidence().excludesZero() ? "" : String.format(Locale.ROOT, " (the paper's "
                + "unpaired test %s it: p %.3g, 95%% CI [%.2f, %.2f], uncorrected; pairing by seed helps only where the "
                + "seeds' runs move together)", unpairedExcludes ? "does resolve" : "does not resolve", u.pValue(),
                u.ciLow(), u.ciHigh());
    }

    /** The verdicts of every activation but the baseline on one network, in the report's order. */
    private List<Verdict> verdicts(String arch) {
        String baseline = activations().get(0);
        List<Summary> summaries = Summaries.of(results, arch);
        Summary base = summaries.stream().filter(s -> s.name().equals(baseline)).findFirst().orElse(null);
        List<PairedComparison> paired = Paired.compare(results, arch, baseline, family, r -> 100 * r.finalTestAccuracy(), looks(arch));
        List<Verdict> out = new ArrayList<>();
        for (String a : activations()) {
            boolean ran = results.stream().anyMatch(r -> r.spec().architecture().equals(arch)
                    && r.spec().activation().equals(a));
            if (a.equals(baseline) || !ran) {
                continue;
            }
            Summary other = summaries.stream().filter(s -> s.name().equals(a)).findFirst().orElse(null);
            PairedComparison p = paired.stream().filter(c -> c.activation().equals(a)).findFirst().orElse(null);
            Comparison u = base != null && other != null && base.n() >= 2 && other.n() >= 2
                    ? Significance.compare(List.of(base, other), baseline, false).get(1) : null;
            out.add(new Verdict(a, other == null ? 0 : other.n(), base == null ? 0 : base.n(),
                    Paired.diverged(results, arch, a), p, u, base == null ? Double.NaN : base.mean()));
        }
        return out;
    }

    /**
     * What the runs can and cannot conclude, one verdict per comparison with the baseline (see {@link Verdict}), with
     * the smallest difference the sample could resolve, and the size of the differences the paper reports, for
     * scale.
     */
    List<String> readingMarkdown() {
        List<String> out = new ArrayList<>();
        String baseline = activations().get(0);
        if (reduced()) {
            out.add("- **Reduced budget.** These runs train for less than the recorded protocol (see Budget): they say "
                    + "how the activations compare early in training at this budget, not how they end after the "
                    + "paper's budget.");
        }
        int families = 0;
        for (String arch : Summaries.architectures(results)) {
            List<String> lines = new ArrayList<>();
            List<Verdict> verdicts = verdicts(arch);
            for (Verdict v : verdicts) {
                String diverged = v.diverged() > 0 ? " (" + v.diverged() + " diverged run" + (v.diverged() == 1 ? ""
                        : "s") + " left out)" : "";
                if (!v.testable()) {
                    lines.add(v.other() + " against " + baseline + ": not testable yet (" + v.finished() + " and "
                            + v.baselineFinished() + " finished runs; at least 2 seeds of each are needed)" + diverged);
                    continue;
                }
                Evidence e = v.evidence();
                String side = e.difference() > 0 ? "above" : "below";
                String result = switch (e.resolution()) {
                    case RESOLVED -> "resolved, " + v.other() + " " + side + " " + baseline + " at this budget"
                            // p written as in the claims table (Claims.pValue), so one p reads the same in both
                            + (v.paired() != null ? " (p " + Claims.pValue(v.paired().pValue()) + ", Holm "
                                    + Claims.pValue(e.holmP()) + ")" : "");
                    case NOT_AFTER_HOLM -> String.format(Locale.ROOT, "the uncorrected interval excludes 0 (%s %s %s), "
                            + "but not after Holm's correction (Holm p %s; after it, 80%% power at this spread needs %s)",
                            v.other(), side, baseline, Claims.twoDigits(e.holmP()), e.afterHolm(POINTS, v.room()));
                    case NO_SPREAD -> "not resolved: every seed differs by the same amount, so the sample gives no "
                            + "interval";
                    case CONTAINS_ZERO -> !Double.isFinite(e.detectable()) ? String.format(Locale.ROOT, "not "
                            + "resolved, differences within about ±%.2f points cannot be told apart here",
                            (e.high() - e.low()) / 2) : e.beyondScale(v.room()) ? String.format(Locale.ROOT, "not "
                            + "resolved; 80%% power at this spread needs about %.2f points before Holm's correction, "
                            + "more than the accuracy scale leaves on either side of %s's observed mean of %.2f%% (at "
                            + "most %.2f, in the larger direction)", e.detectable(), baseline, v.baselineMean(),
                            v.room()) : "not resolved; 80% power at this sample size needs a true difference of "
                            + e.powerNeeds(POINTS, v.room());
                };
                lines.add(String.format(Locale.ROOT, "%s - %s %+.2f points, 95%% CI [%.2f, %.2f] (%s): %s%s%s",
                        v.other(), baseline, e.difference(), e.low(), e.high(), e.sample(), result,
                        unpairedDisagrees(v), diverged));
            }
            if (!lines.isEmpty()) {
                // one line per comparison: Table 1 has twelve, too many for one sentence
                out.add("- " + arch + " (an unresolved difference means \"no difference detected at this sample "
                        + "size\", not \"no difference\"):");
                lines.forEach(l -> out.add("  - " + l + "."));
                holmAsks(arch).ifPresent(l -> out.add("  - " + l));
                families += verdicts.stream().anyMatch(v -> v.paired() != null) ? 1 : 0;
            }
        }
        if (families > 1) {
            // Holm holds each family's error rate at 5%; across independent families the chances add up
            out.add(String.format(Locale.ROOT, "- **One Holm family per network, none across them.** Each network's "
                    + "comparisons with %s are corrected together, the %d networks are not: if none had a true "
                    + "difference, the chance that at least one of them resolves one anyway is at most %.1f%% for "
                    + "independent families (1 - 0.95^%d), and at most %d%% however they depend on each other. A "
                    + "verdict chosen among the networks after seeing them all is weaker than it reads.", baseline,
                    families, 100 * (1 - Math.pow(0.95, families)), families, Math.min(100, 5 * families)));
        }
        out.addAll(paperScale());
        return out;
    }

    /** What Holm's correction asks of this network's seeds, when it has paired comparisons ({@link #holmAsks}). */
    private java.util.Optional<String> holmAsks(String arch) {
        int pairs = verdicts(arch).stream().filter(v -> v.paired() != null).mapToInt(v -> v.paired().n()).max()
                .orElse(0);
        int hypotheses = Paired.familySize(activations().get(0), family);
        int looks = looks(arch);
        return holmAsks(pairs, hypotheses * looks, family.size() - 1, "paired seeds", looks);
    }

    /**
     * What Holm's correction asks of a family of paired comparisons: the |t| the most significant one must beat, and
     * what that means for a difference against the spread of its per-pair differences. Empty below 2 pairs or 1
     * comparison. Shared by the reports and the claims tables.
     */
    static java.util.Optional<String> holmAsks(int pairs, int family) {
        return holmAsks(pairs, family, family, "paired seeds", 1);
    }

    /**
     * As {@link #holmAsks(int, int)}: {@code comparisons} may test fewer hypotheses, each counted once per look at
     * the data ({@code family} = hypotheses x looks), the pairs named by {@code pairsNoun}, e.g. "paired seeds".
     */
    static java.util.Optional<String> holmAsks(int pairs, int family, int comparisons, String pairsNoun, int looks) {
        if (pairs < 2 || family < 1) {
            return java.util.Optional.empty();
        }
        double t = Paired.holmFirstStepT(pairs, family);
        int hypotheses = family / looks;
        String asks = family == 1 && comparisons == 1 ? String.format(Locale.ROOT, "What the test asks of %d %s: p "
                + "below 0.05", pairs, pairsNoun) : String.format(Locale.ROOT, "What Holm's correction asks of %d %s "
                + "and %d comparison%s%s%s: the smallest p below 0.05/%d", pairs, pairsNoun, comparisons,
                comparisons == 1 ? "" : "s", comparisons > hypotheses ? " (" + hypotheses + " hypotheses)" : "",
                looks == 1 ? "" : ", each counted once per look at the data (" + looks + " looks: the sample was "
                        + "extended after its verdicts were first reported)", family);
        return java.util.Optional.of(asks + String.format(Locale.ROOT, ", that is a paired |t| above %.1f (%d "
                + "degree%s of freedom), a mean difference about %.1f times the standard deviation of its per-pair "
                + "differences.", t, pairs - 1, pairs == 2 ? "" : "s", t / Math.sqrt(pairs)));
    }

    /**
     * The paper's claim, per network it publishes numbers for and per activation, that Mish is ahead, against ours
     * (see {@link Claims}): the paper's gap, our gap (Mish - other, 95% CI) and a verdict that says no more than the
     * numbers allow. Holm's correction is the network's, over its comparisons with Mish.
     */
    Claims claims() {
        Claims claims = new Claims("network", reduced() ? Claims.Budget.REDUCED : Claims.Budget.PAPERS, "points", 2);
        String baseline = activations().get(0);
        if (!baseline.equals("mish")) {
            return claims; // the paper's claims are about Mish against the others
        }
        for (String arch : Summaries.architectures(results)) {
            if (PaperNumbers.table(arch) == null) {
                continue; // the paper publishes no number for this network, so it makes no claim about it
            }
            for (Verdict v : verdicts(arch)) {
                Double paperMish = PaperNumbers.published(arch, baseline);
                Double paperOther = PaperNumbers.published(arch, v.other());
                String paper = paperMish == null || paperOther == null ? "no number published"
                        : String.format(Locale.ROOT, "%+.2f", paperMish - paperOther);
                String claim = "Mish ahead of " + v.other();
                if (v.paired() != null) {
                    claims.add(arch, claim, paper, v.paired(), true, v.baselineMean()); // the other cannot fall below 0
                } else if (v.unpaired() != null) {
                    claims.addUnpaired(arch, claim, paper, v.other(), v.evidence().flipped());
                } else {
                    claims.untestable(arch, claim, paper, v.finished() + " and " + v.baselineFinished()
                            + " finished runs");
                }
            }
        }
        return claims;
    }

    /** Summaries in the report's activation order (baseline first), as the tables and charts list them. */
    private List<Summary> inOrder(List<Summary> summaries) {
        return summaries.stream().sorted(java.util.Comparator.comparingInt(s -> order.indexOf(s.name()))).toList();
    }

    /**
     * For scale: how far apart the paper's own numbers are, from the tables whose networks ran here; Table 2's also for
     * other CIFAR-10 networks, never for other data (its CIFAR-10 gaps say nothing of, say, Fig. 5a's MNIST depths).
     */
    private List<String> paperScale() {
        List<String> out = new ArrayList<>();
        if (paperTables().contains("Table 1")) {
            List<Double> gaps = new ArrayList<>();
            double mish = PaperNumbers.TABLE_1.get(0).mean();
            PaperNumbers.TABLE_1.stream().skip(1).forEach(s -> gaps.add(mish - s.mean()));
            gaps.sort(null);
            out.add(String.format(Locale.ROOT, "- For scale: in the paper's Table 1 (means of 23 runs each) Mish's mean "
                    + "is %.2f to %.2f points from the other %d activations' (positive: Mish higher), median %.2f.",
                    gaps.get(0), gaps.get(gaps.size() - 1), gaps.size(), median(gaps)));
        }
        if (paperTables().contains("Table 2") || (!paperTables().contains("Table 1") && onCifar())) {
            List<Double> gaps = new ArrayList<>();
            for (double[] row : PaperNumbers.TABLE_2.values()) {
                gaps.add(row[0] - row[1]);
                gaps.add(row[0] - row[2]);
            }
            gaps.sort(null);
            out.add(String.format(Locale.ROOT, "- For scale: in the paper's Table 2 (single runs, no intervals "
                    + "published) Mish leads Swish and ReLU by %.2f to %.2f points, median %.2f, over its %d "
                    + "architectures.", gaps.get(0), gaps.get(gaps.size() - 1), median(gaps),
                    PaperNumbers.TABLE_2.size()));
        }
        return out;
    }

    private static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double median(double[] values) {
        return new Median().evaluate(values);
    }

    /** Each environment field over all runs: one value, or each value with its number of runs where they differ. */
    private String environment() {
        Map<String, Map<String, Integer>> fields = new java.util.LinkedHashMap<>();
        for (RunResult r : results) {
            r.environment().forEach((key, value) -> fields.computeIfAbsent(key, k -> new java.util.LinkedHashMap<>())
                    .merge(value, 1, Integer::sum));
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Map<String, Integer>> e : fields.entrySet()) {
            Map<String, Integer> values = e.getValue();
            int recorded = values.values().stream().mapToInt(Integer::intValue).sum();
            String shown = values.size() == 1 && recorded == results.size() ? values.keySet().iterator().next()
                    : String.join("; ", values.entrySet().stream().map(v -> v.getKey() + " (" + v.getValue() + " run"
                            + (v.getValue() == 1 ? "" : "s") + ")").toList())
                    + (recorded < results.size() ? "; not recorded (" + (results.size() - recorded) + ")" : "");
            text.append("- ").append(e.getKey()).append(": ").append(shown).append('\n');
        }
        Set<String> sources = new LinkedHashSet<>();
        results.forEach(r -> sources.add(r.dataSource()));
        sources.forEach(s -> text.append("- data: ").append(s).append('\n'));
        Set<Integer> seeds = new LinkedHashSet<>();
        results.forEach(r -> seeds.add(r.spec().seed()));
        double wall = results.stream().mapToDouble(RunResult::wallSeconds).sum();
        double coreSeconds = results.stream().mapToDouble(r -> r.wallSeconds() * threads(r)).sum();
        text.append(String.format(Locale.ROOT, "- seeds: %s; runs: %d (%d diverged); training time: %.2f run-hours "
                + "(each run's own wall time, resumed parts included, added up), %.2f core-hours (times the threads "
                + "each run used). Runs trained side by side overlap, and time when builds, tests or other work shared "
                + "the cores or the runs were paused counts too, so both overstate what training alone costs; the "
                + "median epoch below stays within the undisturbed epochs' range while pauses or slowdowns hit fewer "
                + "than half of the epochs it is taken over (their number is given with it); the fastest epoch beside "
                + "it is the least disturbed one (a first epoch includes warm-up), and the median CPU time (the "
                + "process's, all its threads; recorded from 2026-12-03 on) counts neither pauses nor time other "
                + "processes held the cores, though contention for caches and memory can still raise it%n", seeds,
                results.size(),
                results.stream().filter(RunResult::diverged).count(), wall / 3600, coreSeconds / 3600));
        List<String> epochs = new ArrayList<>();
        Set<Integer> threadCounts = new java.util.TreeSet<>();
        results.forEach(r -> threadCounts.add(threads(r)));
        for (String arch : Summaries.architectures(results)) {
            for (String activation : activations()) {
                for (int t : threadCounts) {
                    List<EpochStats> these = results.stream().filter(r -> r.spec().architecture().equals(arch)
                            && r.spec().activation().equals(activation) && threads(r) == t)
                            .flatMap(r -> r.history().stream()).toList();
                    double[] seconds = these.stream().mapToDouble(EpochStats::seconds).filter(x -> x > 0).sorted()
                            .toArray();
                    double[] cpu = these.stream().mapToDouble(EpochStats::cpuSeconds).filter(x -> x > 0).sorted()
                            .toArray();
                    if (seconds.length > 0) {
                        // the fastest beside the median: with few epochs (Table 1's runs have one each), a pause
                        // or a build on the cores can move the median itself; CPU time, where recorded, leaves both
                        // out
                        epochs.add(String.format(Locale.ROOT, "%s %s %.0f s (%s%d epoch%s%s%s)", arch, activation,
                                median(seconds), seconds.length > 1 ? String.format(Locale.ROOT,
                                        "fastest %.0f s, ", seconds[0]) : "", seconds.length,
                                seconds.length == 1 ? "" : "s",
                                threadCounts.size() > 1 ? ", " + t + " thread" + (t == 1 ? "" : "s") : "",
                                cpu.length == 0 ? "" : String.format(Locale.ROOT, "; CPU time %.0f s%s",
                                        median(cpu), cpu.length == seconds.length ? ""
                                                : " over the " + cpu.length + " epochs that recorded it")));
                    }
                }
            }
        }
        if (!epochs.isEmpty()) {
            text.append("- median epoch over every epoch of every run").append(threadCounts.size() > 1
                    ? ", by the threads a run used (one-thread runs trained two at a time)" : "").append(": ")
                    .append(String.join("; ", epochs)).append('\n');
        }
        return text.toString();
    }

    /** The intra-op threads a run trained with (its environment; "default" and unrecorded: all cores). */
    private static int threads(RunResult r) {
        String t = r.environment().getOrDefault("threads", "default");
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            String cores = r.environment().getOrDefault("cores", "1");
            return cores.matches("\\d+") ? Integer.parseInt(cores) : 1;
        }
    }

    private String diverged() {
        List<String> lines = new ArrayList<>();
        for (RunResult r : results) {
            if (r.diverged()) {
                lines.add("- " + r.id() + ": " + r.note());
            }
        }
        return lines.isEmpty() ? "None." : String.join("\n", lines);
    }

    private boolean onCifar() {
        return results.stream().allMatch(r -> r.spec().protocol().dataset().equals("cifar10"));
    }

    private String caveat() {
        List<String> reconstructed = Summaries.architectures(results).stream().filter(a -> {
            try {
                return Zoo.get(a).isReconstructed();
            } catch (IllegalArgumentException e) {
                return false;
            }
        }).toList();
        String design = reconstructed.isEmpty() ? "" : "**Reconstructed, not recorded:** " + String.join(", ",
                reconstructed) + " " + (reconstructed.size() == 1 ? "has" : "have") + " no official code; the "
                + "design and the protocol used here are our reconstruction. ";
        String data = onCifar() ? "" : "**These runs did not use CIFAR-10** (they ran on " + String.join(", ",
                results.stream().map(r -> r.spec().protocol().dataset()).distinct().sorted().toList()) + "; the "
                + "budget is stated below), so the paper's CIFAR-10 numbers are context, not a target. ";
        String paper = paperColumns() ? "" : "The paper's Tables 1 and 2 have no row for " + String.join(", ",
                Summaries.architectures(results)) + (Summaries.architectures(results).stream().anyMatch(a -> a.matches(
                "resnet\\d+")) ? " (Table 2's ResNet is the v2-20; the official ResNet-20/32/44/56 come from the "
                + "repository's later experiments, which publish no accuracy table)" : "")
                + ", so this report sets no published number beside ours.";
        List<String> duplicates = Summaries.duplicates(results);
        String twice = duplicates.isEmpty() ? "" : "**Mixed protocols:** these seeds hold more than one run (different "
                + "protocols in one folder), and the statistics below pool them, counting a seed twice: "
                + String.join("; ", duplicates) + ". Report each protocol from its own folder. ";
        return (heldBack + twice + design + data + paper).trim();
    }

    /** The Markdown report. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        md.append(question()).append("\n\n");
        if (!caveat().isEmpty()) {
            md.append(caveat()).append("\n\n");
        }
        md.append("## Accuracy\n\n").append(accuracyCaption()).append("\n\n").append(Markup.markdownTable(accuracyRows()))
                .append('\n');
        md.append("## Significance\n").append(String.join("\n", significanceMarkdown())).append("\n\n");
        md.append("## What these runs can and cannot say\n\n").append(String.join("\n", readingMarkdown()))
                .append("\n\n");
        Claims claims = claims();
        if (!claims.isEmpty()) {
            md.append("The paper's claims, one by one (positive: Mish better; 95% intervals uncorrected; a paired "
                    + "verdict also needs Holm's corrected p below 0.05):\n\n")
                    .append(Markup.markdownTable(claims.rows())).append('\n');
        }
        md.append("## Budget\n\n").append(budget()).append("\n\n");
        md.append("## Diverged runs\n\n").append(diverged()).append("\n\n");
        md.append("## Environment\n\n").append(environment()).append('\n');
        md.append("Generated ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append(" by mish-djl.\n");
        return md.toString();
    }

    /** The HTML report: a whole page around {@link #htmlFragment()}. */
    public String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title>\n<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;"
                + "padding:0 1em;color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid "
                + "#ccc;padding:4px 10px}th{background:#f3f3f3}.note{background:#fff6dd;padding:.6em 1em;border-left:4px solid #e0a800}"
                + ".charts{display:flex;flex-wrap:wrap;gap:1em}code{background:#f3f3f3;padding:1px 4px}"
                + "</style></head><body>\n" + htmlFragment() + "</body></html>\n";
    }

    /**
     * The report's content as an HTML fragment with its charts drawn in {@code mode}, e.g. {@link Charts.Mode#INTERACTIVE}
     * for a notebook cell (the charts then need the network); files are always written in static SVG.
     */
    public String htmlFragment(Charts.Mode mode) {
        return Charts.drawing(mode, this::htmlFragment);
    }

    /** The report's content as an HTML fragment (no page, no scripts), e.g. for a notebook cell's output. */
    public String htmlFragment() {
        StringBuilder h = new StringBuilder();
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        h.append("<p>").append(esc(question())).append("</p>\n");
        if (!caveat().isEmpty()) {
            h.append("<p class=\"note\">").append(esc(caveat()).replace("**", "")).append("</p>\n");
        }
        h.append("<h2>Accuracy</h2>\n<p>").append(esc(accuracyCaption())).append("</p>\n")
                .append(htmlTable(accuracyRows()));
        h.append("<div class=\"charts\">").append(accuracyMeans()).append("</div>\n");
        StringBuilder curves = new StringBuilder();
        for (String arch : Summaries.architectures(results)) {
            String accuracy = curve(arch, true);
            String loss = curve(arch, false);
            if (accuracy != null && loss != null) {
                curves.append(accuracy).append(loss);
            }
        }
        if (curves.length() > 0) {
            h.append("<h2>Training curves</h2>\n<div class=\"charts\">").append(curves).append("</div>\n");
        }
        h.append("<h2>Significance</h2>\n").append(Markup.markdownToHtml(significanceMarkdown()));
        h.append("<div class=\"charts\">").append(forestPlots()).append("</div>\n");
        h.append("<h2>What these runs can and cannot say</h2>\n").append(Markup.list(String.join("\n", readingMarkdown())
                .replace("**", "")));
        Claims claims = claims();
        if (!claims.isEmpty()) {
            h.append("<p>The paper's claims, one by one:</p>\n").append(claims.html());
        }
        h.append("<h2>Budget</h2>\n").append(Markup.list(budget()));
        h.append("<h2>Diverged runs</h2>\n").append(Markup.list(diverged()));
        h.append("<h2>Environment</h2>\n").append(Markup.list(environment()));
        h.append("<p>Generated ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append(" by mish-djl.</p>\n");
        return h.toString();
    }

    /**
     * Each activation's mean final accuracy per architecture with the 95% CI of the mean over seeds (t interval;
     * a single run draws its point alone), on a scale fitted to the data but at least one point tall, chance level
     * dashed.
     */
    private String accuracyMeans() {
        List<String> category = new ArrayList<>();
        List<Double> mean = new ArrayList<>();
        List<Double> low = new ArrayList<>();
        List<Double> high = new ArrayList<>();
        List<String> group = new ArrayList<>();
        java.util.Set<@Nullable Double> chances = new java.util.HashSet<>();
        boolean single = true;
        for (String arch : Summaries.architectures(results)) {
            chances.add(chance(arch));
            for (Summary s : Summaries.of(results, arch)) {
                single &= s.n() < 2;
                double half = s.halfWidth95();
                category.add(arch);
                mean.add(s.mean());
                low.add(s.mean() - half);
                high.add(s.mean() + half);
                group.add(s.name());
            }
        }
        double lowest = low.stream().mapToDouble(Double::doubleValue).min().orElse(100);
        // one chance line only when every architecture has the same number of classes
        Double chance = chances.size() == 1 ? chances.iterator().next() : null;
        // at least one point tall: single runs or seeds a few hundredths apart are not drawn as a gap
        return Charts.means("Final test accuracy: " + (single ? "single runs, no interval yet"
                : "mean and 95% CI over seeds"), category, mean, low, high, group, "test accuracy %",
                reachable(chance, lowest), 1.0);
    }

    /**
     * The chance level to mark, when accuracy came anywhere near it (below twice chance); null otherwise, so charts of
     * well-trained networks keep a scale that shows their differences.
     */
    private static @Nullable Double reachable(@Nullable Double chance, double lowest) {
        return chance != null && lowest < 2 * chance ? chance : null;
    }

    /** Chance accuracy in % for an architecture's classes (null when the zoo does not know it). */
    private static @Nullable Double chance(String arch) {
        try {
            return 100.0 / Zoo.get(arch).getClasses();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Per architecture with paired seeds: each activation's difference to the baseline with its 95% interval. */
    private String forestPlots() {
        StringBuilder h = new StringBuilder();
        String baseline = activations().get(0);
        for (String arch : Summaries.architectures(results)) {
            List<PairedComparison> paired = Paired.compare(results, arch, baseline, family, r -> 100 * r.finalTestAccuracy(), looks(arch));
            if (paired.isEmpty()) {
                continue;
            }
            h.append(Charts.forest(arch + ": difference to " + baseline + ", paired by seed",
                    paired.stream().map(c -> c.activation() + " - " + baseline).toList(),
                    paired.stream().map(PairedComparison::meanDifference).toList(),
                    paired.stream().map(PairedComparison::ciLow).toList(),
                    paired.stream().map(PairedComparison::ciHigh).toList(),
                    paired.stream().map(PairedComparison::activation).toList(),
                    "test accuracy difference, points (mean and 95% CI)"));
        }
        return h.toString();
    }

    /**
     * Every run's curve, coloured by activation (seeds share it), a cross where a run diverged, chance dashed on the
     * accuracy chart. Null when every run has a single epoch: the means chart already shows those values, and a
     * curve of one point says nothing about training.
     */
    private @Nullable String curve(String arch, boolean accuracy) {
        List<Charts.Series> series = new ArrayList<>();
        int earlyDiverged = 0;
        boolean longer = false;
        for (RunResult r : results) {
            if (!r.spec().architecture().equals(arch)) {
                continue;
            }
            List<Integer> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (EpochStats e : r.history()) {
                x.add(e.epoch());
                y.add(accuracy ? 100 * e.testAccuracy() : e.trainLoss());
            }
            longer |= x.size() > 1;
            if (x.isEmpty()) {
                earlyDiverged++;
                continue;
            }
            // one line per run (its id): runs of one seed under different protocols stay apart
            series.add(new Charts.Series(r.spec().activation(), r.id(), x, y, r.diverged()));
        }
        if (!longer) {
            return null;
        }
        double lowest = series.stream().flatMap(c -> c.y().stream()).mapToDouble(Number::doubleValue).min()
                .orElse(100);
        return Charts.runs(arch + (accuracy ? ": test accuracy" : ": training loss") + (seeds() > 1 ? ", every seed"
                : "") + (earlyDiverged == 0 ? "" : "; " + earlyDiverged + " diverged in epoch 1 (see Diverged runs)"), series, "epoch", accuracy ? "test accuracy %" : "training loss", accuracy ? reachable(chance(arch), lowest) : null);
    }

    /**
     * An HTML table whose first row is the header, numeric columns right-aligned on each cell ({@link Markup}).
     */
    public static String htmlTable(List<List<String>> rows) {
        return Markup.htmlTable(rows);
    }

    /**
     * The significance table of one comparison (a header, then one row per activation, the baseline's without a
     * test), as the report prints it and notebooks render it.
     *
     * @param comparisons from {@link Significance#compare}
     * @param stdDecimals decimals of the standard deviations: 3 for runs of ours, 4 to show the paper's as published
     * @return rows of cells, the first the header
     */
    public static List<List<String>> significanceRows(List<Comparison> comparisons, int stdDecimals) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("activation", "mean", "std", "n", "p-value", "Cohen's d", "95% CI of difference"));
        for (Comparison c : comparisons) {
            String mean = f2(c.mean());
            String std = String.format(Locale.ROOT, "%." + stdDecimals + "f", c.std());
            rows.add(c.baseline() ? List.of(c.activation(), mean, std, String.valueOf(c.n()), "baseline", "–", "–")
                    : List.of(c.activation(), mean, std, String.valueOf(c.n()),
                            String.format(Locale.ROOT, "%.3g", c.pValue()), String.format(Locale.ROOT, "%.3f",
                                    c.cohensD()), String.format(Locale.ROOT, "[%.3f, %.3f]", c.ciLow(), c.ciHigh())));
        }
        return rows;
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Escapes text for HTML. */
    public static String esc(String s) {
        return Markup.esc(s);
    }
}
