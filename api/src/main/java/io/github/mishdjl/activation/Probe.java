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
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(xs).toType(DataType.FLOAT64, false);
            x.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                y = f.apply(x);
                collector.backward(y);
            }
            return new double[][] {y.toDoubleArray(), x.getGradient().toDoubleArray()};
        }
    }

    /** Evenly spaced points from {@code from} to {@code to}, both included. */
    public static double[] grid(double from, double to, int count) {
        double[] xs = new double[count];
        for (int i = 0; i < count; i++) {
            xs[i] = from + (to - from) * i / (count - 1);
        }
        return xs;
    }
}
