package io.github.mishdjl.stats;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Gamma;
import org.jspecify.annotations.NullMarked;

/**
 * The power of a two-sided one-sample (or paired) t-test from the noncentral t distribution (exact up to quadrature
 * error, about 1e-10), and the smallest effect it detects with a given power.
 *
 * <p>Why not the usual shortcut {@code (t(1 - alpha/2) + t(power)) * se}: it assumes the test statistic is a shifted
 * central t, which understates the effect needed at the sample sizes of our grids: by 16% with 2 seeds and 5% with 3
 * (0.1% with 10). Commons Math has no noncentral t, so the power is integrated over the distribution of the standard
 * deviation's ratio: with {@code T = (Z + delta) / S}, {@code S = sqrt(V / df)}, {@code V} chi-squared,
 * {@code P(|T| > c) = E[Q(c S - delta) + Phi(-c S - delta)]}.
 */
@NullMarked
public final class Power {

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
    /** Noncentralities for 80% power at 5% / family, the cases the reports use, by degrees of freedom and family. */
    private static final Map<List<Integer>, Double> DETECTABLE = new ConcurrentHashMap<>();
    /** Above this many degrees of freedom the normal closed form (the integral is checked up to here). */
    private static final int NORMAL_ABOVE = 100_000;

    private Power() {}

    /**
     * The power of the two-sided test at level {@code alpha} when the true standardised effect (mean over its
     * standard error) is {@code noncentrality}.
     *
     * @param df degrees of freedom, at least 1
     * @param alpha the test's level, e.g. 0.05
     * @param noncentrality the true mean divided by its standard error (for n paired differences: mean / (sd /
     *     sqrt(n)))
     * @return the probability that the test rejects
     */
    public static double power(int df, double alpha, double noncentrality) {
        check(df, alpha);
        double delta = Math.abs(noncentrality);
        double c = critical(df, alpha);
        if (df > NORMAL_ABOVE) {
            // S is 1 to within 1 / sqrt(2 df): the normal closed form, where the integrand's peak is too narrow
            return NORMAL.cumulativeProbability(delta - c) + NORMAL.cumulativeProbability(-delta - c);
        }
        // the density of S = sqrt(V / df): 2 (df/2)^(df/2) / Gamma(df/2) s^(df-1) exp(-df s^2 / 2), finite for df >= 1
        double logNorm = Math.log(2) + df / 2.0 * Math.log(df / 2.0) - Gamma.logGamma(df / 2.0);
        // S's mass lies well within [0, 1 + 12 / sqrt(df)] (13 standard deviations at df 1, about 17 at large df)
        double upper = 1 + 12 / Math.sqrt(df);
        org.apache.commons.math3.analysis.UnivariateFunction integrand = s -> s <= 0 ? 0 : Math.exp(logNorm
                + (df - 1) * Math.log(s) - df * s * s / 2) * (NORMAL.cumulativeProbability(delta - c * s)
                + NORMAL.cumulativeProbability(-c * s - delta));
        // the integrand steps down at s = delta / c over a width of about 1 / c: that step gets a panel of its own
        // (+-10 / c), so that a large c (a strict level at few degrees of freedom) never leaves it inside a wide one
        double from = Math.max(0, Math.min(upper, (delta - 10) / c));
        double to = Math.max(0, Math.min(upper, (delta + 10) / c));
        double p = 0;
        for (double[] part : new double[][] {{0, from}, {from, to}, {to, upper}}) {
            if (part[1] > part[0]) {
                p += new IterativeLegendreGaussIntegrator(16, 1e-12, 1e-14).integrate(10_000_000, integrand, part[0],
                        part[1]);
            }
        }
        return Math.min(1, Math.max(0, p));
    }

    /**
     * The noncentrality (true mean over its standard error) at which the two-sided test reaches {@code power}: times
     * the standard error, the smallest true difference detected with that power.
     *
     * @param df degrees of freedom, at least 1
     * @param alpha the test's level, e.g. 0.05
     * @param power the wanted power, above {@code alpha} and below 1, e.g. 0.8
     */
    public static double noncentrality(int df, double alpha, double power) {
        check(df, alpha);
        if (!(power > alpha && power < 1)) {
            throw new IllegalArgumentException("power must lie between alpha (" + alpha + ") and 1, got " + power);
        }
        // power rises from alpha at 0 and is 1 to double precision once delta - c S > 10 wherever S has mass
        double c = critical(df, alpha);
        double upper = Math.max(1_000, c * (1 + 12 / Math.sqrt(df)) + 10);
        return new BrentSolver(1e-10).solve(10_000, d -> power(df, alpha, d) - power, 0, upper);
    }

    /** {@link #noncentrality} at 5% and 80% power, the reports' convention, computed once per df. */
    public static double detectableAt80(int df) {
        return detectableAt80(df, 1);
    }

    /**
     * {@link #noncentrality} at 80% power and 5% / {@code family}: Holm's strictest step (Bonferroni's level) over a
     * family of that many hypotheses. A hypothesis that passes it passes Holm's correction whatever the others show,
     * so this is the most a family can ask for 80% power; {@link #detectableAt80(int)}, the uncorrected test's, is
     * the least. Computed once per df and family.
     *
     * @param family hypotheses in Holm's family, at least 1
     */
    public static double detectableAt80(int df, int family) {
        if (family < 1) {
            throw new IllegalArgumentException("a Holm family has at least 1 hypothesis, got " + family);
        }
        return DETECTABLE.computeIfAbsent(List.of(df, family), k -> noncentrality(df, 0.05 / family, 0.8));
    }

    /** The two-sided test's critical value: the normal's above {@link #NORMAL_ABOVE} degrees of freedom. */
    private static double critical(int df, double alpha) {
        return df > NORMAL_ABOVE ? NORMAL.inverseCumulativeProbability(1 - alpha / 2)
                : new TDistribution(null, df).inverseCumulativeProbability(1 - alpha / 2);
    }

    private static void check(int df, double alpha) {
        if (df < 1) {
            throw new IllegalArgumentException("a t-test needs at least 1 degree of freedom, got " + df);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie between 0 and 1, got " + alpha);
        }
    }
}
