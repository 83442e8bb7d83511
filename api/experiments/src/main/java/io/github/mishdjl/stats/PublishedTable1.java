package io.github.mishdjl.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * Table 1's published statistics (each activation against Mish: p-value, Cohen's d, 95% CI of the difference) as
 * the official repository's README gives them, beside our recomputation from the published summaries
 * ({@link PaperNumbers#TABLE_1}), with the discrepancies named. The summaries and these statistics are the README's
 * rows: the BMVC table differs slightly (its TanH row reads 82.72 / 0.5826, and it has SReLU and ISRU rows instead
 * of ReLU6, CELU and Sigmoid).
 */
@NullMarked
public final class PublishedTable1 {

    /**
     * One published row.
     *
     * @param activation registry name
     * @param p the published p-value; for "P < 0.0001" the bound 1e-4 with {@code below} true
     * @param below whether the README gives only an upper bound
     * @param d published Cohen's d
     * @param ciLow published CI, lower end
     * @param ciHigh published CI, upper end
     */
    public record Row(String activation, double p, boolean below, double d, double ciLow, double ciHigh) {}

    /** The README's rows for the 12 activations compared with Mish. */
    public static final List<Row> ROWS = List.of(
            new Row("swish", 0.1973, false, 0.386, -0.3975, 0.0844),
            new Row("gelu", 0.4003, false, 0.250468, -0.3682, 0.1499),
            new Row("relu", 1e-4, true, 1.645536, -1.1179, -0.5247),
            new Row("elu:1", 1e-4, true, 2.918232, -1.2931, -0.8556),
            new Row("leaky_relu:0.3", 1e-4, true, 1.47632, -0.8860, -0.3774),
            new Row("selu", 1e-4, true, 7.020812, -3.8713, -3.2670),
            new Row("softplus", 1e-4, true, 4.345453, -4.7778, -4.1735),
            new Row("rrelu", 1e-4, true, 1.444091, -0.8623, -0.3595),
            new Row("relu6", 1e-4, true, 1.711482, -0.9782, -0.4740),
            new Row("celu:1", 1e-4, true, 2.741669, -1.5231, -0.9804),
            new Row("tanh", 1e-4, true, 7.700198, -4.6618, -3.9938),
            new Row("sigmoid", 1e-4, true, 3.098289, -15.0915, -10.2337));

    private PublishedTable1() {}

    /** The published row of an activation, or null. */
    public static @Nullable Row of(String activation) {
        return ROWS.stream().filter(r -> r.activation().equals(activation)).findFirst().orElse(null);
    }

    /**
     * Table rows: activation, published p / d / CI, recomputed p / d / CI (pooled test, as the paper), and whether
     * each published value lies within what the summaries' rounding allows: the recomputation is repeated with every
     * published mean moved by up to half its last digit (0.005) and every std by 0.0005, and a published value outside
     * the range this gives is a discrepancy the rounding cannot explain.
     */
    public static List<List<String>> comparisonRows() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("activation", "p (published)", "p (recomputed)", "d (published)", "d (recomputed)",
                "95% CI (published)", "95% CI (recomputed)", "beyond the summaries' rounding"));
        Summary mish = PaperNumbers.TABLE_1.get(0);
        for (Summary other : PaperNumbers.TABLE_1.subList(1, PaperNumbers.TABLE_1.size())) {
            Row r = of(other.name());
            if (r == null) {
                continue;
            }
            Comparison c = Significance.compare(mish, other, false);
            double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
            double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
            for (int k = 0; k < 16; k++) {
                Summary m = new Summary("mish", mish.mean() + ((k & 1) == 0 ? -0.005 : 0.005),
                        mish.std() + ((k & 2) == 0 ? -0.0005 : 0.0005), mish.n());
                Summary o = new Summary(other.name(), other.mean() + ((k & 4) == 0 ? -0.005 : 0.005),
                        other.std() + ((k & 8) == 0 ? -0.0005 : 0.0005), other.n());
                Comparison v = Significance.compare(m, o, false);
                double[] x = {v.pValue(), v.cohensD(), v.ciLow(), v.ciHigh()};
                for (int i = 0; i < 4; i++) {
                    lo[i] = Math.min(lo[i], x[i]);
                    hi[i] = Math.max(hi[i], x[i]);
                }
            }
            double eps = 5e-5; // the published statistics' own rounding
            List<String> notes = new ArrayList<>();
            if (r.below() ? lo[0] >= r.p() : r.p() < lo[0] - eps || r.p() > hi[0] + eps) {
                notes.add(String.format(Locale.ROOT, "p (the summaries allow %s to %s)", p(lo[0]), p(hi[0])));
            }
            if (r.d() < lo[1] - eps || r.d() > hi[1] + eps) {
                notes.add(String.format(Locale.ROOT, "d (%.4f to %.4f)", lo[1], hi[1]));
            }
            if (r.ciLow() < lo[2] - eps || r.ciLow() > hi[2] + eps || r.ciHigh() < lo[3] - eps
                    || r.ciHigh() > hi[3] + eps) {
                notes.add(String.format(Locale.ROOT, "CI (half-width %.4f published, %.4f from the summaries)",
                        (r.ciHigh() - r.ciLow()) / 2, (c.ciHigh() - c.ciLow()) / 2));
            }
            rows.add(List.of(c.activation(), r.below() ? "< 0.0001" : fmt(r.p()), p(c.pValue()), fmt(r.d()),
                    fmt(c.cohensD()), ci(r.ciLow(), r.ciHigh()), ci(c.ciLow(), c.ciHigh()),
                    notes.isEmpty() ? "none" : String.join("; ", notes)));
        }
        return rows;
    }

    private static String p(double p) {
        return p < 1e-4 ? String.format(Locale.ROOT, "%.2g", p) : fmt(p);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String ci(double low, double high) {
        return String.format(Locale.ROOT, "[%.4f, %.4f]", low, high);
    }
}
