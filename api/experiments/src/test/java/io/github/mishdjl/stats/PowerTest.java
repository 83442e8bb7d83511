package io.github.mishdjl.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

/** The exact power of the two-sided t-test against closed forms and an independent noncentral t (SciPy's). */
class PowerTest {

    /** At no effect the test rejects at its level: the central t's two tails, a closed form. */
    @Test
    void withoutAnEffectThePowerIsTheLevel() {
        for (int df : new int[] {1, 2, 3, 9, 60}) {
            assertEquals(0.05, Power.power(df, 0.05, 0), 1e-9, "df " + df);
            assertEquals(0.01, Power.power(df, 0.01, 0), 1e-9, "df " + df);
        }
    }

    /**
     * The noncentrality for 80% power at 5%, against SciPy 1.17's noncentral t (Boost's): {@code brentq(lambda d:
     * nct.sf(c, df, d) + nct.cdf(-c, df, d) - 0.8, ...)} with {@code c = t.ppf(0.975, df)} (the lower tail, NaN in
     * SciPy at large d, is below 1e-9 there and taken as 0). For df 1 a Monte Carlo check of 2e7 draws agrees too:
     * power 0.7906 at d = 16 and 0.8045 at d = 16.5.
     */
    @Test
    void theNoncentralityMatchesSciPy() {
        double[][] reference = {{1, 16.334008869921025}, {2, 5.65348926619713}, {3, 4.255898686515599},
            {4, 3.761059553825018}, {9, 3.1496328864506173}, {22, 2.931578506779244}};
        for (double[] r : reference) {
            int df = (int) r[0];
            assertEquals(r[1], Power.noncentrality(df, 0.05, 0.8), 1e-6 * r[1], "df " + df);
            assertEquals(r[1], Power.detectableAt80(df), 1e-6 * r[1], "df " + df);
        }
    }

    /**
     * At Holm's strictest step, 5% / family, against the same SciPy computation at that level. At 1 degree of freedom
     * and a family of 100 the root, 1,632 standard errors, lies beyond a fixed bracket of 1,000 (which fails from a
     * family of 62 on): the bracket grows with the critical value. A Monte Carlo check of 1e7 draws at df 1 and 0.05 /
     * 6 agrees: power 0.7864 at 95, 0.8001 at 97.906, 0.8140 at 101.
     */
    @Test
    void theHolmLevelMatchesSciPy() {
        double[][] reference = {{1, 2, 32.64283188207728}, {1, 4, 65.2730793310792}, {1, 6, 97.90612387980563},
            {2, 6, 13.890005179305554}, {2, 12, 19.648595796025162}, {1, 40, 652.6892721344193},
            {4, 3, 5.124283403114924}, {4, 12, 7.398525991369525}, {9, 3, 3.8689522509591465},
            {1, 100, 1631.7222996234682}};
        for (double[] r : reference) {
            int df = (int) r[0];
            int family = (int) r[1];
            assertEquals(r[2], Power.detectableAt80(df, family), 1e-6 * r[2], "df " + df + ", family " + family);
        }
        assertEquals(Power.detectableAt80(3), Power.detectableAt80(3, 1), 0, "a family of one is the plain test");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Power.detectableAt80(2, 0));
        assertTrue(e.getMessage().contains("family"), e.getMessage());
    }

    /**
     * Many degrees of freedom: the t is a normal and the power a closed form, z(0.975) + z(0.8) for the effect, and
     * the usual shortcut (t(0.975) + t(0.8)) understates the effect at small df, most with 2 seeds.
     */
    @Test
    void manyDegreesOfFreedomGiveTheNormalClosedForm() {
        NormalDistribution z = new NormalDistribution(null, 0, 1);
        assertEquals(z.inverseCumulativeProbability(0.975) + z.inverseCumulativeProbability(0.8),
                Power.noncentrality(100_000, 0.05, 0.8), 1e-3);
        // and the power of a given effect there: Phi(d - z) + Phi(-d - z)
        double d = 2.5;
        double c = z.inverseCumulativeProbability(0.975);
        assertEquals(z.cumulativeProbability(d - c) + z.cumulativeProbability(-d - c), Power.power(100_000, 0.05, d),
                1e-4);
        // beyond the integral's checked range the closed form itself
        assertEquals(z.cumulativeProbability(d - c) + z.cumulativeProbability(-d - c), Power.power(10_000_000, 0.05, d),
                1e-12);
        for (int df : new int[] {1, 2}) {
            TDistribution t = new TDistribution(df);
            double shortcut = t.inverseCumulativeProbability(0.975) + t.inverseCumulativeProbability(0.8);
            assertTrue(Power.detectableAt80(df) > 1.05 * shortcut, "df " + df + ": " + Power.detectableAt80(df)
                    + " against " + shortcut);
        }
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Power.power(0, 0.05, 1));
        assertTrue(e.getMessage().contains("degree of freedom"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Power.noncentrality(3, 0.05, 0.01));
        assertTrue(e.getMessage().contains("power"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Power.power(3, 1.5, 1));
        assertTrue(e.getMessage().contains("alpha"), e.getMessage());
    }
}
