package io.github.mishdjl.report;

import io.github.mishdjl.stats.PairedComparison;
import java.util.function.DoubleFunction;
import org.jspecify.annotations.NullMarked;

/**
 * What one comparison's runs show about a difference, and the one rule that decides whether it is resolved, shared by
 * the report's reading ({@link Report}) and the claims table ({@link Claims}) so that the two can never disagree.
 *
 * @param difference the mean difference, in whichever orientation the caller reads it
 * @param low lower end of its 95% interval (uncorrected)
 * @param high upper end
 * @param holmP the p-value after Holm's correction over the family, or NaN for the paper's unpaired test, which is
 *     judged by its interval alone, as the paper judges it
 * @param detectable the difference the sample would detect with 80% power before Holm's correction, or NaN
 * @param detectableAfterHolm the most 80% power can need after Holm's correction over the family (its strictest
 *     step), or NaN (see {@link PairedComparison#detectableAfterHolm})
 * @param sample e.g. "3 paired seeds" or "unpaired, n = 3 and 2"
 * @param noSpread every seed differs by the same amount, so the sample gives no interval
 */
@NullMarked
record Evidence(double difference, double low, double high, double holmP, double detectable,
        double detectableAfterHolm, String sample, boolean noSpread) {

    /** How far the evidence goes, in the order the rule checks it. */
    enum Resolution {
        /** Every pair differs by the same amount: no interval, no verdict either way. */
        NO_SPREAD,
        /** The 95% interval contains 0. */
        CONTAINS_ZERO,
        /** The uncorrected interval excludes 0, but Holm's corrected p is 0.05 or above. */
        NOT_AFTER_HOLM,
        /** The interval excludes 0 and, for a paired test, Holm's corrected p is below 0.05. */
        RESOLVED
    }

    /**
     * A paired comparison's evidence; {@code flip} reverses its orientation (other - baseline becomes baseline -
     * other, interval ends swapped).
     */
    static Evidence of(PairedComparison c, boolean flip, String sample) {
        double sign = flip ? -1 : 1;
        return new Evidence(sign * c.meanDifference(), sign * (flip ? c.ciHigh() : c.ciLow()),
                sign * (flip ? c.ciLow() : c.ciHigh()), c.holmP(), c.minimumDetectable(), c.detectableAfterHolm(), sample,
                c.noSpread());
    }

    /** The same evidence read the other way round (baseline - other). */
    Evidence flipped() {
        return new Evidence(-difference, -high, -low, holmP, detectable, detectableAfterHolm, sample, noSpread);
    }

    Resolution resolution() {
        if (noSpread) {
            return Resolution.NO_SPREAD;
        }
        if (!excludesZero()) {
            return Resolution.CONTAINS_ZERO;
        }
        return holmP >= 0.05 ? Resolution.NOT_AFTER_HOLM : Resolution.RESOLVED; // NaN (unpaired): by the interval
    }

    /**
     * Whether 80% power needs a larger difference than the metric's scale allows: at this spread no possible
     * difference would be detected, so quoting the detectable size would mislead.
     *
     * @param room the largest difference the scale allows in the direction asked about (NaN: unbounded)
     */
    boolean beyondScale(double room) {
        return Double.isFinite(room) && Math.abs(detectable) > room;
    }

    /**
     * What 80% power needs at this spread, e.g. "about 1.67 points before Holm's correction, and after it up to 2.37
     * points": the uncorrected test's size, the least any step of Holm's can need, then {@link #afterHolm}. Only the
     * size alone for a family of one (the correction changes nothing); nothing where no size is known.
     *
     * @param size a size with its unit, e.g. "1.67 points"
     * @param room the largest difference the scale allows (NaN: unbounded)
     */
    String powerNeeds(DoubleFunction<String> size, double room) {
        if (!Double.isFinite(detectable)) {
            return "";
        }
        String about = "about " + size.apply(Math.abs(detectable));
        if (Double.isFinite(detectableAfterHolm) && Math.abs(detectableAfterHolm) <= Math.abs(detectable)) {
            return about; // a family of one: Holm's correction changes nothing, so there is no "before" it
        }
        String before = about + " before Holm's correction";
        boolean larger = Double.isFinite(detectableAfterHolm) && Math.abs(detectableAfterHolm) > Math.abs(detectable);
        return larger ? before + ", and after it " + afterHolm(size, room) : before;
    }

    /**
     * The most 80% power can need after Holm's correction, its strictest step's (see
     * {@link PairedComparison#detectableAfterHolm}), e.g. "up to 2.37 points"; where that is more than the scale
     * leaves, not quoted as a size that could occur: "possibly more than the 92.66 points the scale leaves". Empty
     * where no size is known.
     */
    String afterHolm(DoubleFunction<String> size, double room) {
        if (!Double.isFinite(detectableAfterHolm)) {
            return "";
        }
        double after = Math.abs(detectableAfterHolm);
        return Double.isFinite(room) && after > room ? "possibly more than the " + size.apply(Math.max(0, room))
                + " the scale leaves" : "up to " + size.apply(after);
    }

    /** The uncorrected 95% interval excludes 0 (never without spread). */
    boolean excludesZero() {
        return !noSpread && excludesZero(low, high);
    }

    /** The one interval rule, also for intervals that are not evidence of their own (the paper's unpaired test). */
    static boolean excludesZero(double low, double high) {
        return low > 0 || high < 0;
    }
}
