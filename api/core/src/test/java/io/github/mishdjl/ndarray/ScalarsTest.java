package io.github.mishdjl.ndarray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.mishdjl.testing.GcPressure;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Constants that autograd keeps, under the garbage collection a long run brings between forward and backward:
 * DJL's own {@code mul(Number)} loses its operand (the defect {@link Scalars} exists for), ours keep theirs and
 * give the closed-form gradients.
 */
class ScalarsTest {

    private static final double[] X = {-2, -0.5, 0.25, 1, 3, 7};

    /** The gradient of sum(f(x)) with a garbage collection and fresh small allocations between forward and backward. */
    private static double[] gradientUnderPressure(DataType type, UnaryOperator<NDArray> f) {
        return GcPressure.gradient(X, type, true, f);
    }

    /**
     * The pressure the gradient tests here, in ActivationsTest and in ZooTest apply does corrupt DJL's own constant:
     * without it those tests would pass whether or not a constant was freed. Fails if a newer DJL keeps the operand
     * alive (then this test and {@code Scalars} can go), or if the collection never frees it in time here.
     */
    @Test
    void djlsNumberOperandIsReadAfterItWasFreed() {
        assertTrue(GcPressure.exposesDjlsDefect(), "DJL 0.35.1 releases x.mul(0.17f)'s operand before backward reads "
                + "it, but here " + GcPressure.NOT_REPRODUCED);
    }

    @Test
    void ourConstantsSurviveIt() {
        double[] ones = new double[X.length];
        java.util.Arrays.fill(ones, 1);
        double[] above = new double[X.length]; // max(x, 0.5): slope 1 above 0.5, 0 below; min: the other way
        for (int i = 0; i < X.length; i++) {
            above[i] = X[i] > 0.5 ? 1 : 0;
        }
        for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            double c = type == DataType.FLOAT32 ? (double) 0.17f : 0.17;
            assertArrayEquals(affine(ones, c, 0), gradientUnderPressure(type, x -> Scalars.mul(x, 0.17)), 0,
                    "mul " + type);
            assertArrayEquals(affine(ones, 1 / 0.17, 0), gradientUnderPressure(type, x -> Scalars.div(x, 0.17)), 1e-6,
                    "div " + type);
            assertArrayEquals(affine(ones, c, 0), gradientUnderPressure(type, x -> Scalars.muli(x.mul(x.onesLike()),
                    0.17)), 0, "muli " + type);
            assertArrayEquals(above, gradientUnderPressure(type, x -> Scalars.maximum(x, 0.5)), 0, "maximum " + type);
            assertArrayEquals(affine(above, -1, 1), gradientUnderPressure(type, x -> Scalars.minimum(x, 0.5)), 0,
                    "minimum " + type);
        }
    }

    @Test
    void aConstantHasTheArraysTypeAndExactValue() {
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException integer = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> Scalars.of(m.zeros(new Shape(2), DataType.INT32), 2));
            org.junit.jupiter.api.Assertions.assertTrue(integer.getMessage().contains("floating-point"));
            NDArray c = Scalars.of(m.zeros(new Shape(2), DataType.FLOAT64), 0.1);
            assertEquals(DataType.FLOAT64, c.getDataType());
            assertEquals(new Shape(), c.getShape());
            assertEquals(0.1, c.toDoubleArray()[0], 0);
            assertEquals(0.1f, Scalars.of(m.zeros(new Shape(2)), 0.1).toFloatArray()[0], 0);
        }
    }

    /** a * v + b, element-wise. */
    private static double[] affine(double[] v, double a, double b) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = a * v[i] + b;
        }
        return out;
    }
}
