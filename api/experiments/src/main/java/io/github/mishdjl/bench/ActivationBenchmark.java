package io.github.mishdjl.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import io.github.mishdjl.activation.Activations;
import io.github.mishdjl.activation.Mish;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.jspecify.annotations.NullMarked;

/**
 * Times activations forward and forward+backward on one tensor, side by side in one run: every round runs
 * every variant once, so that the machine's drift hits them alike, and the median of the rounds is reported.
 * Forward passes run inside a {@link GradientCollector} (the training forward, which is what a network pays);
 * backward starts from a gradient of ones. Peak memory is measured before any timing, in separate passes
 * (see {@link PeakMemory}); NaN where it cannot be measured.
 */
@NullMarked
public final class ActivationBenchmark {

    /** One implementation to time. */
    public static final class Variant {
        private final String name;
        private final String description;
        private final UnaryOperator<NDArray> function;

        public Variant(String name, String description, UnaryOperator<NDArray> function) {
            this.name = name;
            this.description = description;
            this.function = function;
        }

        public String getName() {
            return name;
        }

        public String getDescription() {
            return description;
        }
    }

    /** The measurements of one variant, in milliseconds and MiB. */
    public static final class Result {
        private final String name;
        private final String description;
        private final double forwardMs;
        private final double forwardBackwardMs;
        private final double peakForwardMib;
        private final double peakMib;

        Result(String name, String description, double forwardMs, double forwardBackwardMs, double peakForwardMib,
                double peakMib) {
            this.name = name;
            this.description = description;
            this.forwardMs = forwardMs;
            this.forwardBackwardMs = forwardBackwardMs;
            this.peakForwardMib = peakForwardMib;
            this.peakMib = peakMib;
        }

        public String getName() {
            return name;
        }

        public String getDescription() {
            return description;
        }

        /** Median forward time. */
        public double getForwardMs() {
            return forwardMs;
        }

        /** Median forward+backward time. */
        public double getForwardBackwardMs() {
            return forwardBackwardMs;
        }

        /** Peak memory above the input during a forward pass. */
        public double getPeakForwardMib() {
            return peakForwardMib;
        }

        /** Peak memory above the input during forward+backward. */
        public double getPeakMib() {
            return peakMib;
        }
    }

    private ActivationBenchmark() {}

    /** ReLU, Softplus, Swish (fused and composite), GELU, the three Mish implementations and DJL's built-in. */
    public static List<Variant> defaultVariants() {
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("relu", "ReLU (DJL, fused)", Activation::relu));
        variants.add(new Variant("softplus", "Softplus (DJL, fused)", Activation::softPlus));
        variants.add(new Variant("swish", "Swish/SiLU (registry: fused aten::silu)", Activations.get("swish")::apply));
        variants.add(new Variant("swish-composite", "Swish x*sigmoid(x) (DJL composite)", x -> Activation.swish(x, 1f)));
        variants.add(new Variant("gelu", "GELU (DJL, fused)", Activation::gelu));
        for (Mish.Impl impl : Mish.Impl.values()) {
            variants.add(new Variant("mish-" + impl, "Mish, " + impl, x -> Mish.mish(x, impl)));
        }
        variants.add(new Variant("djl-builtin-mish",
                "DJL Activation.mish: a DIFFERENT function, x*tanh(log2(1+e^x))", Activation::mish));
        return variants;
    }

    /**
     * Runs the benchmark.
     *
     * @param variants what to time
     * @param shape the input's shape
     * @param type the input's data type
     * @param warmup untimed rounds first
     * @param rounds timed rounds
     * @param progress receives one line per round
     * @return one result per variant, in order
     */
    public static List<Result> run(List<Variant> variants, Shape shape, DataType type, int warmup, int rounds,
            Consumer<String> progress) {
        if (rounds < 1 || warmup < 0) {
            throw new IllegalArgumentException("rounds must be >= 1 and warmup >= 0, got " + rounds + ", " + warmup);
        }
        int n = variants.size();
        double[][] forward = new double[n][rounds];
        double[][] both = new double[n][rounds];
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            NDArray x = manager.randomNormal(0, 3, shape, DataType.FLOAT32).toType(type, false);
            x.setRequiresGradient(true);
            double[][] peaks = new double[n][2];
            for (double[] row : peaks) {
                Arrays.fill(row, Double.NaN);
            }
            if (PeakMemory.supported() && PeakMemory.mapLargeAllocations()) {
                for (int v = 0; v < n; v++) {
                    peaks[v][0] = peak(variants.get(v), x, false);
                    peaks[v][1] = peak(variants.get(v), x, true);
                }
                PeakMemory.restoreAllocator();
            }
            for (int round = -warmup; round < rounds; round++) {
                for (int v = 0; v < n; v++) {
                    double[] times = pass(variants.get(v), x, true);
                    if (round >= 0) {
                        forward[v][round] = times[0];
                        both[v][round] = times[1];
                    }
                }
                progress.accept(round < 0 ? "warm-up round " + (round + warmup + 1) + "/" + warmup
                        : "round " + (round + 1) + "/" + rounds);
            }
            List<Result> results = new ArrayList<>();
            for (int v = 0; v < n; v++) {
                Variant variant = variants.get(v);
                results.add(new Result(variant.name, variant.description, median(forward[v]), median(both[v]),
                        peaks[v][0], peaks[v][1]));
            }
            return results;
        }
    }

    /** One forward (and backward): returns {forward ms, forward+backward ms}. */
    private static double[] pass(Variant variant, NDArray x, boolean backward) {
        try (NDManager scope = x.getManager().newSubManager()) {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                // A recorded view of x owned by the scope: results and temporaries land there, freed with it.
                NDArray input = x.reshape(x.getShape());
                input.attach(scope);
                long start = System.nanoTime();
                NDArray y = variant.function.apply(input);
                long forwardEnd = System.nanoTime();
                if (backward) {
                    collector.backward(y);
                }
                long end = System.nanoTime();
                return new double[] {(forwardEnd - start) / 1e6, (end - start) / 1e6};
            }
        }
    }

    private static double peak(Variant variant, NDArray x, boolean backward) {
        pass(variant, x, backward); // the gradient buffer of x exists before the measured pass
        long before = PeakMemory.reset();
        pass(variant, x, backward);
        return (PeakMemory.peak() - before) / (1024.0 * 1024.0);
    }

    static double median(double[] values) {
        return new Median().evaluate(values);
    }
}
