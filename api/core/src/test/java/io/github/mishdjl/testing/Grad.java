package io.github.mishdjl.testing;

import ai.djl.ndarray.NDArray;
import java.util.function.UnaryOperator;

/** Runs a function forward and backward (upstream gradient of ones) and returns values and slopes. */
public final class Grad {

    private Grad() {}

    /** Values and slopes of {@code f} at {@code xs}, as float64, in the given array type. */
    public static double[][] valueAndGradient(double[] xs, ai.djl.ndarray.types.DataType type,
            UnaryOperator<NDArray> f) {
        double[][] r = io.github.mishdjl.activation.Probe.evaluate(f, xs, type); // the library's own probe
        return new double[][] {r[1], r[2]};
    }

    /** The values of an array of any floating type, as float64. */
    public static double[] toDoubles(NDArray array) {
        return array.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
    }
}
