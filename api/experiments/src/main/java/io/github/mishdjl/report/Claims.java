package io.github.mishdjl.report;

import io.github.mishdjl.experiment.RecordedProtocols;
import io.github.mishdjl.stats.Paired;
import io.github.mishdjl.stats.PairedComparison;
import io.github.mishdjl.train.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * The paper's claims that Mish does better than another activation, each set against our runs with a verdict that
 * says no more than the numbers allow: "reproduced" only at the paper's budget, "holds at this reduced budget" below
 * it, "not resolvable" (with the difference the sample could have detected) where the 95% interval contains 0 or
 * Holm's correction over the family takes the p-value to 0.05 or above, "not testable yet" where runs are missing.
 * One table and one wording for the reports (Tables 1 and 2) and the notebooks' figures (Fig. 4, 5a, 5b, 5c).
 *
 * <p>Every number is Mish's advantage: positive where Mish does better, in accuracy points (other - Mish reversed)
 * or in test loss (other - Mish as it is), so a column never changes sign between claims.
 */
@NullMarked
public final class Claims {

    /** Which budget the runs had, which decides how far a resolved verdict may go. */
    public enum Budget {
        /** The paper's recorded budget: a resolved claim is reproduced or not. */
        PAPERS,
        /** Below the paper's recorded budget: a resolved claim holds, or is reversed, at this reduced budget. */
        REDUCED,
        /** The paper records no budget (no code): ours is our choice, and a resolved claim holds under it. */
        OURS
    }

    /**
     * The budget of a set of runs against the paper's: {@link Budget#REDUCED} when any run trains or tests on less
     * than its network's recorded protocol (fewer epochs, part of the training or the test set), else
     * {@link Budget#OURS} when a network has no recorded protocol or a run departs from it in any other way
     * (optimiser, schedule, augmentation, ...), else {@link Budget#PAPERS}.
     */
    public static Budget budgetOf(List<RunResult> runs) {
        boolean ours = false;
        for (RunResult r : runs) {
            var recorded = RecordedProtocols.closest(r.spec().architecture(), r.spec().protocol());
            if (r.spec().protocol().trainFraction() < 1 || r.spec().protocol().testFraction() < 1) {
                return Budget.REDUCED;
            }
            if (recorded.isEmpty()) {
                ours = true;
                continue;
            }
            List<String> differences = RecordedProtocols.differences(recorded.get(), r.spec().protocol());
            if (differences.stream().anyMatch(d -> d.contains("reduced"))) {
                return Budget.REDUCED;
            }
            ours |= !differences.isEmpty();
        }
        return ours ? Budget.OURS : Budget.PAPERS;
    }

    /**
     * How many seeds (0 .. n-1) of a network the claims may read now: all of the grid's once every run of that network
     * in it has finished (or diverged), else only the {@code planned} seeds its verdicts were first reported at. A
     * sample extended after a first look is looked at once more, on the final sample ({@link #extendedBeyond});
     * verdicts read off an extension part-way (a render between two runs) would be looks of their own. So is a grid
     * planned at its final size read part-way: give {@code planned} 0 and nothing is readable until it is complete.
     *
     * @param finished the finished runs (diverged ones included: they are finished)
     * @param grid the folder's grid, or null when none was recorded (every seed is read)
     * @param architecture the network
     * @param planned the seeds first reported at (e.g. 2), or 0 for a grid read once, when complete
     * @return the number of seeds to read
     */
    public static int seedsToRead(List<RunResult> finished, io.github.mishdjl.experiment.@Nullable Grid grid,
            String architecture, int planned) {
        if (grid == null) {
            return Integer.MAX_VALUE;
        }
        java.util.Set<String> done = new java.util.HashSet<>();
        finished.forEach(r -> done.add(r.spec().id()));
        boolean complete = grid.runs().stream().filter(s -> s.architecture().equals(architecture))
                .allMatch(s -> done.contains(s.id()));
        return complete ? grid.seeds() : Math.min(planned, grid.seeds());
    }

    /** One claim; {@code room} is the largest advantage the metric's scale allows Mish (NaN: unbounded). */
    private record Claim(String setting, String statement, String paper, @Nullable Evidence evidence,
            @Nullable PairedComparison paired, boolean higherIsBetter, String untestable, String other, double room) {}

    private final String setting;
    private final Budget budget;
    private final String unit;
    private final String format;
    private final List<Claim> claims = new ArrayList<>();
    /** Holm's family once {@link #correctedOverFamily} has run (0 before: the claims' own corrections stand). */
    private int family;
    /** What the pairs are, plural, e.g. "paired seeds" (the default). */
    private String pairs = "paired seeds";
    /** How many times the claims were tested as the sample grew ({@link #looks(int)}). */
    private int looks = 1;
    /** The pairs the claims were planned and first reported at ({@link #extendedBeyond}); 0: not extended. */
    private int planned;

    /**
     * @param setting what the first column holds, e.g. "network", "blocks N", "input noise"
     * @param budget the runs' budget against the paper's
     * @param unit the unit of the advantage, e.g. "points" (of accuracy) or "test loss"
     * @param decimals decimals shown, e.g. 2 for accuracy points, 4 for a loss
     */
    public Claims(String setting, Budget budget, String unit, int decimals) {
        this.setting = setting;
        this.budget = budget;
        this.unit = unit;
        this.format = "%+." + decimals + "f";
    }

    /**
     * Names what each pair is, where it is not one seed, e.g. "pairs of one initialiser and seed" for differences
     * pooled over settings: the sample column and the note on Holm's correction use it. Call before adding claims.
     *
     * @param plural the pairs, plural, e.g. "pairs of one initialiser and seed" (default "paired seeds")
     * @return this, for chaining
     */
    public Claims pairedAs(String plural) {
        if (plural.isBlank()) {
            throw new IllegalArgumentException("name the pairs, e.g. \"pairs of one initialiser and seed\"");
        }
        if (!claims.isEmpty()) {
            throw new IllegalStateException("name the pairs before adding claims: " + claims.size() + " already "
                    + "say \"" + pairs + "\"");
        }
        this.pairs = plural;
        return this;
    }

    /**
     * Counts each claim once per look at the data in Holm's family ({@link #correctedOverFamily}): claims whose sample
     * was extended (more seeds) after their verdicts were first reported have been tested that many times, and a
     * family over all the looks holds this look's verdicts to at most 5% / looks (Bonferroni over the looks; the
     * first look spent its own 5%, so over two looks the chance of any false verdict is at most 7.5%). The earlier
     * looks count as untested members, the cautious choice.
     *
     * @param looks how many times the verdicts were reported as the sample grew (default 1)
     * @return this, for chaining
     */
    public Claims looks(int looks) {
        if (looks < 1) {
            throw new IllegalArgumentException("looks must be at least 1, got " + looks);
        }
        this.looks = looks;
        return this;
    }

    /**
     * The claims were planned at, and first reported with, {@code plannedPairs} pairs, and their sample was extended
     * after: once any claim is tested on more pairs, that is a second look, and each claim counts twice in Holm's
     * family ({@link #looks}, which this decides then, whatever was set before); until then, one look.
     *
     * @param plannedPairs the planned sample, e.g. 3 seeds
     * @return this, for chaining
     */
    public Claims extendedBeyond(int plannedPairs) {
        if (plannedPairs < 2) {
            throw new IllegalArgumentException("a planned sample has at least 2 pairs, got " + plannedPairs);
        }
        this.planned = plannedPairs;
        return this;
    }

    /**
     * A claim tested by a paired comparison.
     *
     * @param setting where it holds, e.g. "wrn-10-2" or "N = 22" or "noise 4"
     * @param statement the claim, e.g. "Mish ahead of relu"
     * @param paper the paper's number or words for it, e.g. "+2.27" or "plot only"
     * @param ours other - Mish per seed, in the metric's own units (as {@link Paired#compare} gives it)
     * @param higherIsBetter whether a higher value of the metric is better (accuracy: yes; loss: no)
     * @return this, for chaining
     */
    public Claims add(String setting, String statement, String paper, PairedComparison ours,
            boolean higherIsBetter) {
        return add(setting, statement, paper, ours, higherIsBetter, Double.NaN);
    }

    /**
     * A claim tested by a paired comparison on a bounded metric, e.g. accuracy: where the sample's spread is so wide
     * that 80% power needs a larger advantage than the scale leaves, the verdict says so, instead of quoting a size
     * that cannot occur as if it could.
     *
     * @param room the largest advantage of Mish the metric leaves at the observed means, in its units, e.g. Mish's
     *     mean accuracy in points for "Mish ahead" (the other cannot fall below 0, Mish's mean held as observed);
     *     NaN when the metric is unbounded (a loss)
     * @return this, for chaining
     * @see #add(String, String, String, PairedComparison, boolean)
     */
    public Claims add(String setting, String statement, String paper, PairedComparison ours,
            boolean higherIsBetter, double room) {
        claims.add(new Claim(setting, statement, paper, paired(ours, higherIsBetter, pairs), ours, higherIsBetter, "",
                ours.activation(), room));
        return this;
    }

    /**
     * A claim that cannot be tested yet, with why, e.g. "1 and 2 finished runs".
     *
     * @return this, for chaining
     */
    public Claims untestable(String setting, String statement, String paper, String why) {
        claims.add(new Claim(setting, statement, paper, null, null, true, why, "", Double.NaN));
        return this;
    }

    /** A claim tested by the paper's unpaired test (judged by its interval), its evidence read as Mish's advantage. */
    Claims addUnpaired(String setting, String statement, String paper, String other, Evidence mishsAdvantage) {
        claims.add(new Claim(setting, statement, paper, mishsAdvantage, null, true, "", other, Double.NaN));
        return this;
    }

    /**
     * Corrects the paired claims' p-values with Holm's method over this whole family (every paired claim added so
     * far, and every claim added as {@link #untestable} counted as untested: the family is what the figure claims,
     * not what has finished), replacing whatever correction their comparisons carried; a figure with several claims
     * (depths, noise levels, initialisers) is one family.
     *
     * @return this, for chaining
     */
    public Claims correctedOverFamily() {
        List<Integer> at = new ArrayList<>();
        List<PairedComparison> family = new ArrayList<>();
        int untested = 0;
        for (int i = 0; i < claims.size(); i++) {
            if (claims.get(i).paired() != null) {
                at.add(i);
                family.add(claims.get(i).paired());
            } else if (claims.get(i).evidence() == null) {
                untested++;
            }
        }
        int members = family.size() + untested;
        if (planned > 0) {
            looks = family.stream().anyMatch(c -> c.n() > planned) ? 2 : 1;
        }
        List<PairedComparison> corrected = Paired.holm(family, untested + (looks - 1) * members);
        this.family = members * looks;
        for (int k = 0; k < at.size(); k++) {
            Claim c = claims.get(at.get(k));
            claims.set(at.get(k), new Claim(c.setting(), c.statement(), c.paper(), paired(corrected.get(k),
                    c.higherIsBetter(), pairs), corrected.get(k), c.higherIsBetter(), "", c.other(), c.room()));
        }
        return this;
    }

    /** A paired comparison (other - Mish) as Mish's advantage: a score's difference is flipped, a loss's is not. */
    private static Evidence paired(PairedComparison c, boolean higherIsBetter, String pairs) {
        int diverged = c.divergedOther() + c.divergedBaseline();
        return Evidence.of(c, higherIsBetter, c.n() + " " + pairs + (diverged > 0 ? " (" + diverged
                + " diverged runs left out)" : ""));
    }

    /** The verdict on one claim, in the words of the class comment, with {@code untestable} as its reason if any. */
    private String verdict(Claim c, String untestable) {
        Evidence e = c.evidence();
        double room = c.room();
        if (e == null) {
            return "not testable yet" + (untestable.isEmpty() ? "" : " (" + untestable + ")");
        }
        // the need for 80% power lies between the uncorrected test's and Holm's strictest step's
        java.util.function.DoubleFunction<String> size = this::size;
        String detectable = !Double.isFinite(e.detectable()) ? "" : e.beyondScale(room) ? String.format(Locale.ROOT,
                "80%% power at this spread needs about %s before Holm's correction, more than the %s the scale "
                + "leaves at the observed means", size.apply(e.detectable()), size.apply(Math.max(0, room)))
                : "80% power at this spread needs " + e.powerNeeds(size, room);
        // the p a verdict rests on, so a reader can weigh it (how far an unresolved claim is from resolving, too):
        // Holm's once corrected over this family or over the comparisons' own, else the comparison's own; none for
        // the paper's unpaired test
        // (a family of one, one claim looked at once, is no correction: its p is the test's own)
        boolean holm = family > 1 || (family == 0 && c.paired() != null && c.paired().family() > 1);
        String p = !Double.isFinite(e.holmP()) ? "" : (holm ? "Holm p " : "p ") + pValue(e.holmP());
        switch (e.resolution()) {
            case NO_SPREAD:
                return "not resolvable: every " + (pairs.equals("paired seeds") ? "seed" : "pair") + " differs by the "
                        + "same amount, so the sample gives no interval";
            case CONTAINS_ZERO:
                String notes = java.util.stream.Stream.of(p, detectable).filter(n -> !n.isEmpty())
                        .collect(java.util.stream.Collectors.joining("; "));
                return "not resolvable: the interval contains 0" + (notes.isEmpty() ? "" : " (" + notes + ")");
            case NOT_AFTER_HOLM:
                String after = e.afterHolm(size, room);
                return "not resolvable after Holm's correction (" + p + (after.isEmpty() ? ""
                        : "; after it, 80% power at this spread needs " + after) + ")";
            case RESOLVED:
                break;
        }
        boolean holds = e.difference() > 0;
        return switch (budget) {
            case PAPERS -> (holds ? "reproduced" : "not reproduced: the other way round")
                    + (p.isEmpty() ? "" : " (" + p + ")");
            case REDUCED -> (holds ? "holds" : "reversed") + " at this reduced budget (the paper's budget not run"
                    + (p.isEmpty() ? "" : "; " + p) + ")";
            case OURS -> (holds ? "holds" : "reversed") + " under our protocol (the paper records none"
                    + (p.isEmpty() ? "" : "; " + p) + ")";
        };
    }

    /** A p-value as {@link #twoDigits}, or "< 0.001" below that. */
    static String pValue(double p) {
        return p < 0.001 ? "< 0.001" : twoDigits(p);
    }

    /**
     * A p-value to two significant digits, e.g. 0.06 or 0.32 (Java's %g would print 0.060), or three where two would
     * round it onto the 0.05 level it missed.
     */
    static String twoDigits(double p) {
        java.math.BigDecimal two = new java.math.BigDecimal(p).round(new java.math.MathContext(2));
        // three digits, rounded away from 0.05: 0.04996 is 0.0499, 0.05004 is 0.0501
        java.math.BigDecimal shown = two.compareTo(new java.math.BigDecimal("0.05")) == 0 && p != 0.05
                ? new java.math.BigDecimal(p).round(new java.math.MathContext(3, p < 0.05
                        ? java.math.RoundingMode.DOWN : java.math.RoundingMode.UP)) : two;
        return shown.stripTrailingZeros().toPlainString();
    }

    private String number(double x) {
        return String.format(Locale.ROOT, format, x);
    }

    /** A size with its unit, e.g. "8.17 points" or "0.0104 in test loss". */
    private String size(double x) {
        return magnitude(x) + (unit.equals("points") ? " points" : " in " + unit);
    }

    /** A size without its sign, e.g. 8.17. */
    private String magnitude(double x) {
        return number(Math.abs(x)).replace("+", "");
    }

    /** The claims table: a header, then one row per claim. */
    public List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(setting, "claim", "paper: Mish's advantage", "ours: Mish's advantage, " + unit
                + " (95% CI)", "sample", "verdict"));
        for (Claim c : claims) {
            Evidence e = c.evidence();
            rows.add(List.of(c.setting(), c.statement(), c.paper(), e == null ? "–" : number(e.difference()) + " ["
                    + number(e.low()) + ", " + number(e.high()) + "]", e == null ? c.untestable() : e.sample(),
                    verdict(c, ""))); // an untestable claim's reason is in its sample cell
        }
        return rows;
    }

    /** One line per claim: "setting: statement: verdict". */
    public List<String> verdicts() {
        List<String> out = new ArrayList<>();
        for (Claim c : claims) {
            out.add(c.setting() + ": " + c.statement() + ": " + verdict(c, c.untestable()));
        }
        return out;
    }

    /**
     * The claims table as HTML, with a line on how to read it and, once corrected over the family, what Holm's
     * correction asks of the seeds.
     */
    public String html() {
        int pairs = claims.stream().filter(c -> c.paired() != null).mapToInt(c -> c.paired().n()).max().orElse(0);
        String asks = family == 0 ? "" : Report.holmAsks(pairs, family, family / looks, this.pairs, looks)
                .map(l -> "<p>" + Report.esc(l) + "</p>\n")
                .orElse("");
        return "<p>Positive: Mish better. Intervals are 95% and uncorrected; a paired verdict also needs Holm's "
                + "corrected p below 0.05.</p>\n" + Report.htmlTable(rows()) + asks;
    }

    /**
     * The forest plot of the tested claims: Mish's advantage with its 95% interval per claim, in the colour of the
     * other activation; right of the dashed zero line Mish does better. Empty when no claim could be tested.
     */
    public String forest(String title) {
        List<Claim> tested = claims.stream().filter(c -> c.evidence() != null).toList();
        if (tested.isEmpty()) {
            return "";
        }
        return Charts.forest(title, tested.stream().map(c -> c.setting() + ": " + c.statement()).toList(),
                tested.stream().map(c -> c.evidence().difference()).toList(),
                tested.stream().map(c -> c.evidence().low()).toList(),
                tested.stream().map(c -> c.evidence().high()).toList(),
                tested.stream().map(Claim::other).toList(),
                "Mish's advantage, " + unit + " (95% CI; right of 0: Mish better)");
    }

    /** Whether no claim was added. */
    public boolean isEmpty() {
        return claims.isEmpty();
    }
}
