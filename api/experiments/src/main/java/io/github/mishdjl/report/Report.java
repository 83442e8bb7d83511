package io.github.mishdjl.report;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

    private final List<RunResult> results;
    private final String title;

    private final List<String> order;

    /**
     * A report of runs compared in the given activation order (the first is the baseline).
     *
     * @param results the runs
     * @param title the heading
     * @param order activations in comparison order, baseline first (others present are appended by name)
     */
    public Report(List<RunResult> results, String title, List<String> order) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("No finished runs to report; run `mish compare` first");
        }
        this.results = results;
        this.title = title;
        this.order = ResultsStore.activationOrder(results, order);
    }

    /** A report with the default order: Mish first when present (the paper's baseline), the others by name. */
    public Report(List<RunResult> results, String title) {
        this(results, title, List.of());
    }

    /** The report of a results folder, compared against the baseline of the grid stored there. */
    public static Report of(ResultsStore store, String title) {
        return new Report(store.all(), title, store.activationOrder());
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

    /** Whether any architecture here has a row in the paper's Table 2 (else its columns are left out). */
    /** The question the report answers; Table 2 is named only where its networks are among the runs. */
    private String question() {
        return "Question: does swapping only the activation (" + String.join(" vs ", activations()) + ") change "
                + "test accuracy" + (paperColumns() ? ", as the Mish paper's Table 2 reports (Misra, BMVC 2020, "
                + "arXiv:1908.08681)" : "") + "? Numbers are final-epoch test accuracy in %.";
    }

    private boolean paperColumns() {
        return Summaries.architectures(results).stream().anyMatch(PaperNumbers.TABLE_2::containsKey);
    }

    private List<String> activations() {
        return order;
    }

    /** Rows of the accuracy table: architecture, then per activation "mean +- std (n)", then the paper's. */
    List<List<String>> accuracyRows() {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("architecture", "dataset"));
        for (String a : activations()) {
            header.add(a + " (ours)");
        }
        for (String a : activations()) {
            if (paperColumns() && PaperNumbers.table2("resnet20-v2", a) != null) {
                header.add(a + " (paper)");
            }
        }
        rows.add(header);
        for (String arch : Summaries.architectures(results)) {
            List<String> row = new ArrayList<>(List.of(arch, dataset(arch)));
            List<Summary> summaries = Summaries.of(results, arch);
            for (String a : activations()) {
                row.add(summaries.stream().filter(s -> s.name().equals(a)).findFirst()
                        .map(s -> s.n() > 1 ? f2(s.mean()) + " ± " + f2(s.std()) + " (n=" + s.n() + ")" : f2(s.mean()))
                        .orElse("diverged or missing"));
            }
            for (String a : activations()) {
                if (paperColumns() && PaperNumbers.table2("resnet20-v2", a) != null) {
                    Double paper = PaperNumbers.table2(arch, a);
                    row.add(paper == null ? "–" : f2(paper));
                }
            }
            rows.add(row);
        }
        return rows;
    }

    private String dataset(String arch) {
        return results.stream().filter(r -> r.spec().architecture().equals(arch)).findFirst()
                .map(r -> r.spec().protocol().dataset()).orElse("?");
    }

    /** Significance rows per architecture with at least two runs per activation. */
    private List<String> significanceMarkdown() {
        List<String> out = new ArrayList<>();
        String baseline = activations().get(0);
        for (String arch : Summaries.architectures(results)) {
            List<Summary> summaries = Summaries.of(results, arch);
            boolean enough = summaries.size() > 1 && summaries.stream().allMatch(s -> s.n() >= 2)
                    && summaries.stream().anyMatch(s -> s.name().equals(baseline));
            if (!enough) {
                out.add("- " + arch + ": fewer than 2 runs per activation, no t-test (use `--seeds 2` or more).");
                continue;
            }
            out.add("");
            out.add("**" + arch + "**, against " + baseline + " (pooled two-sample t-test, as the paper):");
            out.add("");
            out.add("| activation | mean | std | n | p-value | Cohen's d | 95% CI of difference |");
            out.add("|---|---|---|---|---|---|---|");
            for (Comparison c : Significance.compare(summaries, baseline, false)) {
                out.add(String.format(Locale.ROOT, "| %s | %.2f | %.3f | %d | %.3g | %.3f | [%.3f, %.3f] |",
                        c.activation(), c.mean(), c.std(), c.n(), c.pValue(), c.cohensD(), c.ciLow(), c.ciHigh()));
            }
            List<PairedComparison> paired = Paired.compare(results, arch, baseline, activations());
            if (!paired.isEmpty()) {
                out.add("");
                out.add("**" + arch + "**, paired by seed (the runs of one seed share initialisation and data order): "
                        + "differences other - " + baseline + " in points, paired t-test, Holm's correction over the "
                        + paired.size() + " comparisons, and the smallest difference this sample detects with 80% "
                        + "power:");
                out.add("");
                out.add("| activation | pairs | mean difference | 95% CI | p | p (Holm) | detectable at 80% power "
                        + "| diverged (other / " + baseline + ") |");
                out.add("|---|---|---|---|---|---|---|---|");
                for (PairedComparison c : paired) {
                    out.add(String.format(Locale.ROOT, "| %s | %d | %+.2f | [%.2f, %.2f] | %.3g | %.3g | %.2f | %d / %d |",
                            c.activation(), c.n(), c.meanDifference(), c.ciLow(), c.ciHigh(), c.pValue(), c.holmP(),
                            c.minimumDetectable(), c.divergedOther(), c.divergedBaseline()));
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
            return a.getSource().describe() + a.getOfficialFile().map(f -> " (" + f + ")").orElse("");
        } catch (IllegalArgumentException e) {
            return "a network outside the zoo";
        }
    }

    /** Whether any run's protocol is below the recorded budget (fewer epochs or part of the data). */
    private boolean reduced() {
        return results.stream().anyMatch(r -> RecordedProtocols.closest(r.spec().architecture(), r.spec().protocol())
                .map(rec -> RecordedProtocols.differences(rec, r.spec().protocol()).stream()
                        .anyMatch(d -> d.contains("reduced")))
                .orElse(false));
    }

    /**
     * What the runs can and cannot conclude: per architecture, the widest 95% confidence interval of a difference
     * to the baseline (the smallest difference this sample could tell from zero is about its half-width), which
     * comparisons exclude zero, and the size of the differences the paper reports, for scale.
     */
    List<String> readingMarkdown() {
        List<String> out = new ArrayList<>();
        String baseline = activations().get(0);
        if (reduced()) {
            out.add("- **Reduced budget.** These runs train for less than the recorded protocol (see Budget): they say "
                    + "how the activations compare early in training at this budget, not how they end after the "
                    + "paper's budget.");
        }
        for (String arch : Summaries.architectures(results)) {
            List<Summary> summaries = Summaries.of(results, arch);
            boolean enough = summaries.size() > 1 && summaries.stream().allMatch(s -> s.n() >= 2)
                    && summaries.stream().anyMatch(s -> s.name().equals(baseline));
            if (!enough) {
                out.add("- " + arch + ": with one run per activation no difference can be told from seed-to-seed "
                        + "noise; the numbers are single observations.");
                continue;
            }
            List<Comparison> comparisons = Significance.compare(summaries, baseline, false).stream()
                    .filter(c -> !c.activation().equals(baseline)).toList();
            double widest = comparisons.stream().mapToDouble(c -> (c.ciHigh() - c.ciLow()) / 2).max().orElse(0);
            long n = summaries.stream().mapToLong(Summary::n).min().orElse(0);
            List<String> resolved = new ArrayList<>();
            List<String> unresolved = new ArrayList<>();
            for (Comparison c : comparisons) {
                String text = String.format(Locale.ROOT, "%s %+.2f [%.2f, %.2f]", c.activation(), c.mean() - mean(
                        summaries, baseline), c.ciLow(), c.ciHigh());
                (c.ciLow() > 0 || c.ciHigh() < 0 ? resolved : unresolved).add(text);
            }
            List<PairedComparison> paired = Paired.compare(results, arch, baseline, activations());
            double detectable = paired.stream().mapToDouble(PairedComparison::minimumDetectable).max().orElse(Double.NaN);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "- %s (n = %d per activation): the 95%% "
                    + "confidence intervals of the differences to %s reach ±%.2f points (unpaired, as the paper), so "
                    + "differences smaller than about %.1f points cannot be resolved at this sample size.", arch, n,
                    baseline, widest, widest));
            if (!paired.isEmpty()) {
                line.append(String.format(Locale.ROOT, " Paired by seed, the smallest difference detected with 80%% "
                        + "power is up to %.2f points.", detectable));
            }
            if (!unresolved.isEmpty()) {
                line.append(" Not resolved (interval contains 0): ").append(String.join("; ", unresolved))
                        .append(": this is \"no difference detected\", not \"no difference\".");
            }
            if (!resolved.isEmpty()) {
                line.append(" Resolved at this budget (interval excludes 0, uncorrected for multiple comparisons): ")
                        .append(String.join("; ", resolved)).append('.');
            }
            out.add(line.toString());
        }
        List<Double> gaps = new ArrayList<>();
        for (double[] row : PaperNumbers.TABLE_2.values()) {
            gaps.add(row[0] - row[1]);
            gaps.add(row[0] - row[2]);
        }
        gaps.sort(null);
        out.add(String.format(Locale.ROOT, "- For scale: in the paper's Table 2 (single runs, no intervals published) "
                + "Mish leads Swish and ReLU by %.2f to %.2f points, median %.2f, over its %d architectures.",
                gaps.get(0), gaps.get(gaps.size() - 1), (gaps.get((gaps.size() - 1) / 2) + gaps.get(gaps.size() / 2))
                        / 2, PaperNumbers.TABLE_2.size()));
        return out;
    }

    private static double mean(List<Summary> summaries, String name) {
        return summaries.stream().filter(s -> s.name().equals(name)).mapToDouble(Summary::mean).findFirst()
                .orElse(Double.NaN);
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
        text.append(String.format(Locale.ROOT, "- seeds: %s; runs: %d (%d diverged); training wall time: %.1f min "
                + "(the runs' own times added up; runs trained side by side overlap)%n", seeds, results.size(),
                results.stream().filter(RunResult::diverged).count(), wall / 60));
        return text.toString();
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
        String paper = paperColumns() ? "" : "The paper's Table 2 has no row for " + String.join(", ",
                Summaries.architectures(results)) + (Summaries.architectures(results).stream().anyMatch(a -> a.matches(
                "resnet\\d+")) ? " (Table 2's ResNet is the v2-20; the official ResNet-20/32/44/56 come from the "
                + "repository's later experiments, which publish no accuracy table)" : "")
                + ", so no published number stands beside ours.";
        List<String> duplicates = Summaries.duplicates(results);
        String twice = duplicates.isEmpty() ? "" : "**Mixed protocols:** these seeds hold more than one run (different "
                + "protocols in one folder), and the statistics below pool them, counting a seed twice: "
                + String.join("; ", duplicates) + ". Report each protocol from its own folder. ";
        return (twice + design + data + paper).trim();
    }

    /** The Markdown report. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        md.append(question()).append("\n\n");
        if (!caveat().isEmpty()) {
            md.append(caveat()).append("\n\n");
        }
        md.append("## Accuracy\n\n").append(markdownTable(accuracyRows())).append('\n');
        md.append("## Significance\n").append(String.join("\n", significanceMarkdown())).append("\n\n");
        md.append("## What these runs can and cannot say\n\n").append(String.join("\n", readingMarkdown()))
                .append("\n\n");
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
                + "#ccc;padding:4px 10px;text-align:right}th{background:#f3f3f3}td:first-child,th:first-child"
                + "{text-align:left}.note{background:#fff6dd;padding:.6em 1em;border-left:4px solid #e0a800}"
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
        h.append("<h2>Accuracy</h2>\n").append(htmlTable(accuracyRows()));
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
        h.append("<h2>Significance</h2>\n").append(markdownToHtml(significanceMarkdown()));
        h.append("<div class=\"charts\">").append(forestPlots()).append("</div>\n");
        h.append("<h2>What these runs can and cannot say</h2>\n").append(list(String.join("\n", readingMarkdown())
                .replace("**", "")));
        h.append("<h2>Budget</h2>\n").append(list(budget()));
        h.append("<h2>Diverged runs</h2>\n").append(list(diverged()));
        h.append("<h2>Environment</h2>\n").append(list(environment()));
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
            List<PairedComparison> paired = Paired.compare(results, arch, baseline, activations());
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

    private static String markdownTable(List<List<String>> rows) {
        StringBuilder md = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            md.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
            if (i == 0) {
                md.append("|").append("---|".repeat(rows.get(0).size())).append('\n');
            }
        }
        return md.toString();
    }

    /** An HTML table whose first row is the header. */
    public static String htmlTable(List<List<String>> rows) {
        StringBuilder h = new StringBuilder("<table>\n");
        for (int i = 0; i < rows.size(); i++) {
            h.append("<tr>");
            for (String cell : rows.get(i)) {
                h.append(i == 0 ? "<th>" : "<td>").append(esc(cell)).append(i == 0 ? "</th>" : "</td>");
            }
            h.append("</tr>\n");
        }
        return h.append("</table>\n").toString();
    }

    /** The significance section's Markdown tables and lines, as HTML. */
    private static String markdownToHtml(List<String> lines) {
        StringBuilder h = new StringBuilder();
        List<List<String>> table = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("|")) {
                if (!line.startsWith("|---")) {
                    List<String> cells = new ArrayList<>();
                    for (String c : line.substring(1, line.length() - 1).split("\\|")) {
                        cells.add(c.trim());
                    }
                    table.add(cells);
                }
                continue;
            }
            if (!table.isEmpty()) {
                h.append(htmlTable(table));
                table.clear();
            }
            if (!line.isBlank()) {
                h.append("<p>").append(esc(line.replaceFirst("^- ", "")).replace("**", "")).append("</p>\n");
            }
        }
        if (!table.isEmpty()) {
            h.append(htmlTable(table));
        }
        return h.toString();
    }

    private static String list(String markdownList) {
        StringBuilder h = new StringBuilder("<ul>\n");
        for (String line : markdownList.split("\n")) {
            if (!line.isBlank()) {
                h.append("<li>").append(esc(line.replaceFirst("^- ", ""))).append("</li>\n");
            }
        }
        return h.append("</ul>\n").toString();
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Escapes text for HTML. */
    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
