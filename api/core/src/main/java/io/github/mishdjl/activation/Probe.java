package io.github.mishdjl.activation;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.NullMarked;

/** Evaluates an activation and its autograd slope at given points, in float64: curves for plots and checks. */
@NullMarked
public final class Probe {

    private Probe() {}

    /**
     * Values and slopes of {@code f} at {@code xs}.
     *
     * @param f the function (e.g. {@code Activations.get("mish")::apply})
     * @param xs the points
     * @return {values, slopes}, each as long as {@code xs}
     */
    public static double[][] valueAndSlope(UnaryOperator<NDArray> f, double[] xs) {
        double[][] r = evaluate(f, xs, DataType.FLOAT64);
        return new double[][] {r[1], r[2]};
    }

    /**
     * The one forward-and-backward probe of the project (the CLI's {@code values}, the tests and the notebooks use
     * it): {@code f} applied to {@code xs} converted to {@code type}, then backward with an upstream gradient of
     * ones.
     *
     * @param f the function
     * @param xs the points (rounded to {@code type})
     * @param type the array type the function runs in (float16, float32, float64)
     * @return {x as {@code type} holds it, f(x), f'(x)}, each widened to float64
     */
    public static double[][] evaluate(UnaryOperator<NDArray> f, double[] xs, DataType type) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(xs).toType(type, false);
            x.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                y = f.apply(x);
                collector.backward(y);
            }
            return new double[][] {doubles(x), doubles(y), doubles(x.getGradient())};
        }
    }

    private static double[] doubles(NDArray array) {
        return array.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** Evenly spaced points from {@code from} to {@code to}, both included: at least 2 of them. */
    public static double[] grid(double from, double to, int count) {
        if (count < 2) {
            throw new IllegalArgumentException("a grid from " + from + " to " + to + " needs at least 2 points (both "
                    + "ends), got " + count);
        }
        double[] xs = new double[count];
        for (int i = 0; i < count; i++) {
            xs[i] = from + (to - from) * i / (count - 1);
        }
        return xs;
    }
}
