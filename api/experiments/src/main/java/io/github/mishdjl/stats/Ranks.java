package io.github.mishdjl.stats;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.jspecify.annotations.NullMarked;

/** Compares independent samples by ranks (Apache Commons Math's Mann-Whitney U) and bootstraps the median ratio. */
@NullMarked
public final class Ranks {

    private static final int RESAMPLES = 2000;

    private Ranks() {}

    /**
     * Compares one sample with a baseline sample.
     *
     * @param name the other sample's name
     * @param baseline the baseline's values (at least 2)
     * @param other the other's values (at least 2)
     * @param seed seeds the bootstrap, so a rerun gives the same interval
     */
    public static RankComparison compare(String name, double[] baseline, double[] other, long seed) {
        if (baseline.length < 2 || other.length < 2) {
            throw new IllegalArgumentException(name + ": a rank test needs at least 2 values per sample, got "
                    + other.length + " and " + baseline.length + " for the baseline");
        }
        for (double v : baseline) {
            check(name + "'s baseline", v);
        }
        for (double v : other) {
            check(name, v);
        }
        double above = 0; // U of the other sample, counted pair by pair (Commons Math returns max(U1, U2))
        for (double o : other) {
            for (double b : baseline) {
                above += o > b ? 1 : o == b ? 0.5 : 0;
            }
        }
        double p = new MannWhitneyUTest().mannWhitneyUTest(other, baseline);
        double[] ratios = new double[RESAMPLES];
        SplittableRandom random = new SplittableRandom(seed);
        for (int k = 0; k < RESAMPLES; k++) {
            ratios[k] = median(resample(other, random)) / median(resample(baseline, random));
        }
        Arrays.sort(ratios);
        return new RankComparison(name, other.length, baseline.length, median(baseline), median(other),
                above / ((double) other.length * baseline.length), p, ratios[(int) (0.025 * RESAMPLES)],
                ratios[(int) (0.975 * RESAMPLES) - 1]);
    }

    private static void check(String what, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + ": values must be finite, got " + v);
        }
    }

    private static double median(double[] values) {
        return new Median().evaluate(values);
    }

    private static double[] resample(double[] values, SplittableRandom random) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[random.nextInt(values.length)];
        }
        return out;
    }
}
