package io.github.mishdjl.cli;

import io.github.mishdjl.experiment.ResultsStore;
import io.github.mishdjl.stats.Comparison;
import io.github.mishdjl.stats.PaperNumbers;
import io.github.mishdjl.stats.PublishedTable1;
import io.github.mishdjl.stats.Significance;
import io.github.mishdjl.stats.Summaries;
import io.github.mishdjl.stats.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mish stats}: the paper's significance analysis, from summaries or from finished runs. */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = {
            "Per activation against a baseline: mean, std, the pooled two-sample t-test p-value (Welch's with",
            "--welch), Cohen's d and the 95% CI of the difference in means (other - baseline).",
            "Input: --summary FILE.csv with header activation,mean,std,n; or a results folder of `mish compare`."
        })
final class StatsCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "RESULTS_DIR", description = "A results folder of `mish compare`.")
    @Nullable Path resultsDir;

    @Option(names = "--summary", paramLabel = "FILE.csv", description = "Summary statistics: activation,mean,std,n.")
    @Nullable Path summary;

    @Option(names = "--baseline", description = "The baseline activation (default: the stored grid's first activation; else mish, or the "
                    + "first row).")
    @Nullable String baseline;

    @Option(names = "--welch", description = "Welch's unequal-variance t-test instead of the pooled one.")
    boolean welch;

    @Option(names = "--format", defaultValue = "text", description = "text (default) or csv.")
    String format;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("text") && !format.equals("csv")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format must be text or csv, got '" + format + "'");
        }
        if ((summary == null) == (resultsDir == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give either --summary FILE.csv or a RESULTS_DIR");
        }
        if (summary != null) {
            print("", readSummary(summary));
        } else {
            ResultsStore store = new ResultsStore(resultsDir);
            var results = store.all();
            if (results.isEmpty()) {
                throw new IllegalArgumentException("No finished runs in " + resultsDir);
            }
            if (baseline == null) {
                baseline = store.activationOrder().get(0); // the stored grid's baseline, as the report uses
            }
            for (String cell : Summaries.duplicates(results)) {
                System.err.println("warning: more than one run for " + cell + ": different protocols in one folder "
                        + "are pooled below, counting a seed twice");
            }
            for (String arch : Summaries.architectures(results)) {
                // a grid still running, or of one seed: say what is not testable yet, as the report does, and go on
                List<Summary> all = Summaries.of(results, arch);
                List<Summary> testable = all.stream().filter(s -> s.n() >= 2).toList();
                for (Summary s : all) {
                    if (s.n() < 2) {
                        System.err.println(arch + ": " + s.name() + " has " + s.n() + " run, not testable yet (a "
                                + "t-test needs 2 per group)");
                    }
                }
                if (testable.stream().noneMatch(s -> s.name().equals(baseline))) {
                    System.err.println(arch + ": the baseline " + baseline + " has fewer than 2 runs here; nothing "
                            + "to compare yet");
                    continue;
                }
                print(arch, testable);
            }
        }
        return 0;
    }

    private void print(String architecture, List<Summary> summaries) {
        String base = baseline != null ? baseline
                : summaries.stream().anyMatch(s -> s.name().equals("mish")) ? "mish" : summaries.get(0).name();
        List<Comparison> rows = Significance.compare(summaries, base, welch);
        boolean published = architecture.isEmpty() && isPaperTable1(summaries, base);
        if (format.equals("csv")) {
            System.out.println((architecture.isEmpty() ? "" : "architecture,")
                    + "activation,mean,std,n,p_value,cohens_d,ci_low,ci_high"
                    + (published ? ",published_p,published_d,published_ci_low,published_ci_high" : ""));
            for (Comparison c : rows) {
                PublishedTable1.Row r = published ? PublishedTable1.of(c.activation()) : null;
                System.out.println((architecture.isEmpty() ? "" : architecture + ",") + c.activation() + "," + c.mean()
                        + "," + c.std() + "," + c.n() + "," + c.pValue() + "," + c.cohensD() + "," + c.ciLow() + ","
                        + c.ciHigh() + (!published ? "" : r == null ? ",,,," : "," + (r.below() ? "<" : "") + r.p()
                                + "," + r.d() + "," + r.ciLow() + "," + r.ciHigh()));
            }
            return;
        }
        System.out.println((architecture.isEmpty() ? "" : architecture + ": ") + "against " + base + " ("
                + (welch ? "Welch's" : "pooled two-sample") + " t-test)");
        if (published) {
            System.out.println("These are the paper's Table 1 summaries (the repository README's rows): the published "
                    + "p, d and CI follow each recomputed row.");
        }
        System.out.println(String.format(Locale.ROOT, "%-16s %8s %8s %4s %11s %9s %22s", "activation", "mean", "std",
                "n", "p-value", "Cohen's d", "95% CI (other - base)"));
        for (Comparison c : rows) {
            System.out.println(c.baseline() ? String.format(Locale.ROOT, "%-16s %8.3f %8.4f %4d %11s", c.activation(),
                    c.mean(), c.std(), c.n(), "baseline")
                    : String.format(Locale.ROOT, "%-16s %8.3f %8.4f %4d %11.3g %9.3f   [%8.3f, %8.3f]",
                    c.activation(), c.mean(), c.std(), c.n(), c.pValue(), c.cohensD(), c.ciLow(), c.ciHigh()));
            PublishedTable1.Row r = published ? PublishedTable1.of(c.activation()) : null;
            if (r != null) {
                System.out.println(String.format(Locale.ROOT, "  %-14s %8s %8s %4s %11s %9.3f   [%8.3f, %8.3f]",
                        "published", "", "", "", (r.below() ? "< " : "") + String.format(Locale.ROOT, "%.3g", r.p()),
                        r.d(), r.ciLow(), r.ciHigh()));
            }
        }
        if (published) {
            List<String> beyond = new ArrayList<>();
            for (List<String> row : PublishedTable1.comparisonRows().subList(1, PublishedTable1.comparisonRows().size())) {
                String note = row.get(row.size() - 1);
                if (!note.equals("none") && summaries.stream().anyMatch(x -> x.name().equals(row.get(0)))) {
                    beyond.add("  " + row.get(0) + ": " + note);
                }
            }
            System.out.println("Published values the summaries' rounding cannot explain: " + (beyond.isEmpty() ? "none"
                    : "\n" + String.join("\n", beyond)));
        }
    }

    /** Whether the summaries are the paper's Table 1 (every row with a published counterpart equal to it), vs Mish. */
    static boolean isPaperTable1(List<Summary> summaries, String base) {
        if (!base.equals("mish")) {
            return false;
        }
        int matched = 0;
        for (Summary s : summaries) {
            Summary paper = PaperNumbers.TABLE_1.stream().filter(t -> t.name().equals(s.name())).findFirst()
                    .orElse(null);
            if (paper == null) {
                continue;
            }
            if (Math.abs(paper.mean() - s.mean()) > 1e-9 || Math.abs(paper.std() - s.std()) > 1e-9
                    || paper.n() != s.n()) {
                return false;
            }
            matched++;
        }
        return matched >= 2;
    }

    static List<Summary> readSummary(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).trim().equalsIgnoreCase("activation,mean,std,n")) {
            throw new IllegalArgumentException(file + ": the first line must be the header activation,mean,std,n");
        }
        List<Summary> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",");
            if (cells.length != 4) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected 4 values, got " + line);
            }
            try {
                out.add(new Summary(cells[0].trim(), Double.parseDouble(cells[1].trim()),
                        Double.parseDouble(cells[2].trim()), Long.parseLong(cells[3].trim())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
