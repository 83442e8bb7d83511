package io.github.mishdjl.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import io.github.mishdjl.testing.Grad;
import io.github.mishdjl.testing.MishReference;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every Mish implementation against the float64 closed forms, finite differences and the paper's values. */
class MishTest {

    private static final int GRID = 100_001;
    private static NDManager manager;

    @BeforeAll
    static void start() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    /** 1e5 points over [-30, 30] plus the edges: +-1e4, +-89, +-88, 20 and its neighbours, denormals, zeros. */
    static double[] points(DataType type) {
        double[] grid = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            grid[i] = -30 + 60.0 * i / (GRID - 1);
        }
        float[] edges32 = {
            1e4f, -1e4f, 89f, -89f, 88f, -88f, 20f, -20f, Math.nextUp(20f), Math.nextDown(20f),
            Math.nextUp(-20f), Math.nextDown(-20f), 19.99f, 20.01f, -100f, -10f, 100f,
            Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, 0f, -0f, 1e-20f, -1e-20f
        };
        DoubleStream edges = IntStreamOf(edges32);
        double[] all = DoubleStream.concat(Arrays.stream(grid), edges).toArray();
        if (type == DataType.FLOAT32) {
            for (int i = 0; i < all.length; i++) {
                all[i] = (float) all[i]; // the reference sees exactly the float32 input
            }
        } else {
            all = DoubleStream.concat(Arrays.stream(all), DoubleStream.of(
                    Double.MIN_VALUE, -Double.MIN_VALUE, Math.nextUp(20.0), Math.nextDown(20.0), -700, -750))
                    .toArray();
        }
        return all;
    }

    private static DoubleStream IntStreamOf(float[] values) {
        return java.util.stream.IntStream.range(0, values.length).mapToDouble(i -> values[i]);
    }

    @ParameterizedTest
    @EnumSource(Mish.Impl.class)
    void float64MatchesTheClosedForms(Mish.Impl impl) {
        double[] xs = points(DataType.FLOAT64);
        double[][] out = Grad.valueAndGradient(xs, DataType.FLOAT64, x -> Mish.mish(x, impl));
        assertClose(xs, out[0], MishReference::value, 2e-15, 1e-300, impl + " float64 value");
        assertClose(xs, out[1], MishReference::derivative, 1e-13, 1e-15, impl + " float64 slope");
    }

    @ParameterizedTest
    @EnumSource(Mish.Impl.class)
    void float32MatchesTheClosedForms(Mish.Impl impl) {
        double[] xs = points(DataType.FLOAT32);
        double[][] out = Grad.valueAndGradient(xs, DataType.FLOAT32, x -> Mish.mish(x, impl));
        // a few float32 ulps; absolute floors for denormal results (e^-100 keeps only a few bits) and for
        // the slope's zero crossing
        assertClose(xs, out[0], MishReference::value, 4e-7, 1e-42, impl + " float32 value");
        assertClose(xs, out[1], MishReference::derivative, 2e-6, 2e-7, impl + " float32 slope");
    }

    @ParameterizedTest
    @EnumSource(Mish.Impl.class)
    void float64FiniteDifferences(Mish.Impl impl) {
        double[] xs = new double[2001];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = -30 + 60.0 * i / (xs.length - 1) + 1e-3; // off the grid's round numbers and 20
        }
        double h = 1e-6;
        double[] plus = Arrays.stream(xs).map(v -> v + h).toArray();
        double[] minus = Arrays.stream(xs).map(v -> v - h).toArray();
        double[] slope = Grad.valueAndGradient(xs, DataType.FLOAT64, x -> Mish.mish(x, impl))[1];
        double[] up = Grad.valueAndGradient(plus, DataType.FLOAT64, x -> Mish.mish(x, impl))[0];
        double[] down = Grad.valueAndGradient(minus, DataType.FLOAT64, x -> Mish.mish(x, impl))[0];
        for (int i = 0; i < xs.length; i++) {
            double numeric = (up[i] - down[i]) / (2 * h);
            assertEquals(numeric, slope[i], 1e-8, impl + " slope at x = " + xs[i]);
        }
    }

    @ParameterizedTest
    @EnumSource(Mish.Impl.class)
    void finiteInputsNeverGiveNanOrInfinity(Mish.Impl impl) {
        for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            double[] xs = points(type);
            double[][] out = Grad.valueAndGradient(xs, type, x -> Mish.mish(x, impl));
            for (int i = 0; i < xs.length; i++) {
                assertTrue(Double.isFinite(out[0][i]) && Double.isFinite(out[1][i]),
                        impl + " " + type + " at x = " + xs[i] + ": " + out[0][i] + ", " + out[1][i]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mish.Impl.class)
    void infinitiesAndNanBehaveAsTheNativeKernel(Mish.Impl impl) {
        double[] xs = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN};
        for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            double[][] out = Grad.valueAndGradient(xs, type, x -> Mish.mish(x, impl));
            double[][] nat = Grad.valueAndGradient(xs, type, x -> Mish.mish(x, Mish.Impl.NATIVE));
            // the kernel: f(-inf) = NaN (-inf * 0), f(+inf) = +inf, NaN propagates
            assertTrue(Double.isNaN(nat[0][0]) && nat[0][1] == Double.POSITIVE_INFINITY && Double.isNaN(nat[0][2]));
            assertEquals(Arrays.toString(nat[0]), Arrays.toString(out[0]), impl + " " + type + " values");
            assertTrue(Double.isNaN(out[1][2]), impl + " " + type + ": NaN propagates into the gradient");
            assertTrue(Double.isNaN(out[1][0]), impl + " " + type + ": gradient at -inf, as the kernel: NaN");
        }
    }

    @Test
    void theImplementationsAgree() {
        double[] xs = points(DataType.FLOAT32);
        double[][] nat = Grad.valueAndGradient(xs, DataType.FLOAT32, x -> Mish.mish(x, Mish.Impl.NATIVE));
        for (Mish.Impl impl : new Mish.Impl[] {Mish.Impl.ANALYTIC, Mish.Impl.AUTOGRAD}) {
            double[][] out = Grad.valueAndGradient(xs, DataType.FLOAT32, x -> Mish.mish(x, impl));
            assertClose(xs, out[0], nat[0], 4e-7, 1e-42, impl + " vs native, value");
            assertClose(xs, out[1], nat[1], 2e-6, 2e-7, impl + " vs native, slope");
        }
    }

    @Test
    void publishedReferenceValues() {
        double[] xs = {-2, -1, 0, 1, 2, -100, -10, 100};
        double[] expected = {-0.2525015, -0.30340144, 0, 0.86509836, 1.943959, -3.7e-42, -4.5398899e-4, 100};
        for (Mish.Impl impl : Mish.Impl.values()) {
            double[][] out = Grad.valueAndGradient(xs, DataType.FLOAT32, x -> Mish.mish(x, impl));
            for (int i = 0; i < xs.length; i++) {
                double tolerance = i == 5 ? 0.1e-42 : 1e-7 * Math.max(1, Math.abs(expected[i]));
                assertEquals(expected[i], out[0][i], tolerance, impl + " f(" + xs[i] + ")");
            }
            assertEquals(0.6, out[1][2], 1e-7, impl + " f'(0)");
            // the minimum: about -0.30884 near x = -1.1924, where the slope changes sign
            double[][] min = Grad.valueAndGradient(new double[] {-1.1924}, DataType.FLOAT64, x -> Mish.mish(x, impl));
            assertEquals(-0.30884, min[0][0], 1e-5);
            assertEquals(0, min[1][0], 1e-4);
        }
    }

    @Test
    void djlBuiltInMishIsADifferentFunction() {
        double[] xs = {0, 1, 89};
        double[][] djl = Grad.valueAndGradient(xs, DataType.FLOAT32, Activation::mish);
        double[][] ours = Grad.valueAndGradient(xs, DataType.FLOAT32, Mish::mish);
        // DJL computes x * tanh(log2(1 + e^x)): slope tanh(1) = 0.7616 at 0 instead of 0.6 ...
        assertEquals(Math.tanh(1), djl[1][0], 1e-6);
        assertEquals(0.6, ours[1][0], 1e-7);
        // ... value x * tanh(log2(1 + e)) at 1 instead of 0.8651 ...
        assertEquals(Math.tanh(Math.log(1 + Math.E) / Math.log(2)), djl[0][1], 1e-6);
        assertEquals(0.86509836, ours[0][1], 1e-7);
        // ... and a NaN slope from float32 overflow at 89, where Mish's slope is 1.
        assertTrue(Double.isNaN(djl[1][2]));
        assertEquals(1, ours[1][2], 0);
    }

    @ParameterizedTest
    @EnumSource(Mish.Impl.class)
    void halfPrecisionIsComputedInFloatAndRoundedOnce(Mish.Impl impl) {
        double[] xs = java.util.stream.IntStream.rangeClosed(-400, 400).mapToDouble(i -> i / 20.0).toArray();
        // float16 only: DJL 0.35.1's PyTorch engine has no bfloat16 (toType(BFLOAT16) aborts the JVM).
        for (DataType half : new DataType[] {DataType.FLOAT16}) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.create(xs).toType(half, false);
                NDArray actual = Mish.mish(x, impl);
                assertEquals(half, actual.getDataType());
                assertRoundedOnce(scope, x, actual, MishReference::value, impl + " " + half + " value");
            }
            double[][] out = Grad.valueAndGradient(xs, half, x -> Mish.mish(x, impl));
            double tolerance = 2e-3; // about two float16 ulps, relative
            assertClose(xs, out[1], MishReference::derivative, tolerance, 1e-3, impl + " " + half + " slope");
        }
    }

    @Test
    void theDerivativeInHalfPrecisionIsComputedInFloatAndRoundedOnce() {
        // float16's largest value is 65504: e^x (e^x + 2) computed in float16 overflows from x of about 5.5 on
        double[] xs = java.util.stream.IntStream.rangeClosed(-400, 400).mapToDouble(i -> i / 20.0).toArray();
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(xs).toType(DataType.FLOAT16, false);
            NDArray actual = Mish.derivative(x);
            assertEquals(DataType.FLOAT16, actual.getDataType());
            assertRoundedOnce(scope, x, actual, MishReference::derivative, "float16 derivative");
        }
    }

    @Test
    void integerInputIsRejectedWithAClearMessage() {
        try (NDManager scope = manager.newSubManager()) {
            NDArray ints = scope.create(new int[] {1, 2});
            for (java.util.function.Function<NDArray, NDArray> f : List.<java.util.function.Function<NDArray, NDArray>>of(
                    Mish::mish, Mish::derivative)) {
                IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalArgumentException.class, () -> f.apply(ints));
                assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("int32")
                        && e.getMessage().contains("toType"), e.getMessage());
            }
        }
    }

    /**
     * {@code actual} (half precision) is the float64 reference at {@code x}'s own half-precision values, rounded
     * once: equal to it, or its neighbour where the exact value lies within float32's error of the half-way point
     * between them (computing in float32 first may round such a value either way).
     */
    static void assertRoundedOnce(NDManager scope, NDArray x, NDArray actual,
            java.util.function.DoubleUnaryOperator reference, String what) {
        double[] at = Grad.toDoubles(x);
        double[] exact = Arrays.stream(at).map(reference).toArray();
        double[] rounded = Grad.toDoubles(scope.create(exact).toType(actual.getDataType(), false));
        double[] got = Grad.toDoubles(actual);
        for (int i = 0; i < at.length; i++) {
            if (got[i] != rounded[i]) {
                double halfway = (got[i] + rounded[i]) / 2;
                assertTrue(Math.abs(exact[i] - halfway) <= 1e-6 * Math.abs(exact[i]), what + " at x = " + at[i]
                        + ": got " + got[i] + ", the float64 value " + exact[i] + " rounds to " + rounded[i]);
            }
        }
    }

    static void assertClose(double[] xs, double[] actual, java.util.function.DoubleUnaryOperator reference,
            double rtol, double atol, String what) {
        assertClose(xs, actual, Arrays.stream(xs).map(reference).toArray(), rtol, atol, what);
    }

    /** |actual - expected| <= atol + rtol |expected| at every point, reporting the worst one on failure. */
    static void assertClose(double[] xs, double[] actual, double[] reference, double rtol, double atol, String what) {
        double worst = 0;
        int at = -1;
        for (int i = 0; i < xs.length; i++) {
            double expected = reference[i];
            double excess = Math.abs(actual[i] - expected) / (atol + rtol * Math.abs(expected));
            if (!(excess <= worst)) {
                worst = excess;
                at = i;
            }
        }
        if (worst > 1 || Double.isNaN(worst)) {
            throw new AssertionError(what + ": worst at x = " + xs[at] + ": got " + actual[at] + ", expected "
                    + reference[at] + " (" + worst + "x the tolerance)");
        }
    }
}
