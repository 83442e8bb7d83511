package io.github.mishdjl.testing;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.function.UnaryOperator;

/** Runs a function forward and backward (upstream gradient of ones) and returns values and slopes. */
public final class Grad {

    private Grad() {}

    /** Values and slopes of {@code f} at {@code xs}, as float64, in the given array type. */
    public static double[][] valueAndGradient(
            NDManager manager, double[] xs, ai.djl.ndarray.types.DataType type, UnaryOperator<NDArray> f) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(xs).toType(type, false);
            x.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                y = f.apply(x);
                collector.backward(y);
            }
            return new double[][] {toDoubles(y), toDoubles(x.getGradient())};
        }
    }

    /** The values of an array of any floating type, as float64. */
    public static double[] toDoubles(NDArray array) {
        return array.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
    }
}
