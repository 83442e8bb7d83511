package io.github.mishdjl.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.mishdjl.testing.GcPressure;
import io.github.mishdjl.testing.Grad;
import io.github.mishdjl.testing.MishReference;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every registered activation against its closed form (float64), with slopes from finite differences. */
class ActivationsTest {

    private static NDManager manager;

    @BeforeAll
    static void start() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    private static final double SELU_SCALE = 1.0507009873554804934193349852946;
    private static final double SELU_ALPHA = 1.6732632423543772848170429916717;

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double leaky(double x, double a) {
        return x >= 0 ? x : a * x;
    }

    /** Parameters are float32, as in DJL's activation API: the references use the same rounded values. */
    static Stream<Arguments> closedForms() {
        return Stream.of(
                Arguments.of("mish", (DoubleUnaryOperator) MishReference::value),
                Arguments.of("mish:analytic", (DoubleUnaryOperator) MishReference::value),
                Arguments.of("mish:autograd", (DoubleUnaryOperator) MishReference::value),
                Arguments.of("swish", (DoubleUnaryOperator) x -> x * sigmoid(x)),
                Arguments.of("silu", (DoubleUnaryOperator) x -> x * sigmoid(x)),
                Arguments.of("swish:1.5", (DoubleUnaryOperator) x -> x * sigmoid(1.5 * x)),
                Arguments.of("gelu", (DoubleUnaryOperator) x -> 0.5 * x * (1 + Erf.erf(x / Math.sqrt(2)))),
                Arguments.of("gelu:tanh", (DoubleUnaryOperator) x ->
                        0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)))),
                Arguments.of("relu", (DoubleUnaryOperator) x -> Math.max(0, x)),
                Arguments.of("relu6", (DoubleUnaryOperator) x -> Math.min(Math.max(0, x), 6)),
                Arguments.of("leaky_relu:0.3", (DoubleUnaryOperator) x -> leaky(x, 0.3f)),
                Arguments.of("leaky_relu", (DoubleUnaryOperator) x -> leaky(x, 0.01f)),
                Arguments.of("elu", (DoubleUnaryOperator) x -> x > 0 ? x : Math.expm1(x)),
                Arguments.of("elu:0.5", (DoubleUnaryOperator) x -> x > 0 ? x : 0.5 * Math.expm1(x)),
                Arguments.of("selu", (DoubleUnaryOperator) x -> SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x))),
                Arguments.of("celu", (DoubleUnaryOperator) x -> Math.max(0, x) + Math.min(0, Math.expm1(x))),
                Arguments.of("celu:0.5", (DoubleUnaryOperator) x -> Math.max(0, x) + Math.min(0, 0.5 * Math.expm1(x / 0.5))),
                Arguments.of("rrelu", (DoubleUnaryOperator) x -> leaky(x, (1f / 8 + 1f / 3) / 2)),
                Arguments.of("softplus", (DoubleUnaryOperator) MishReference::softplus),
                Arguments.of("tanh", (DoubleUnaryOperator) Math::tanh),
                Arguments.of("sigmoid", (DoubleUnaryOperator) ActivationsTest::sigmoid),
                Arguments.of("hardswish", (DoubleUnaryOperator) x -> x * Math.min(Math.max(x + 3, 0), 6) / 6),
                Arguments.of("softsign", (DoubleUnaryOperator) x -> x / (1 + Math.abs(x))),
                Arguments.of("atan_softplus", (DoubleUnaryOperator) x -> Math.atan(x) * MishReference.softplus(x)),
                Arguments.of("tanh_softplus", (DoubleUnaryOperator) x -> Math.tanh(x) * MishReference.softplus(x)),
                Arguments.of("x_log1p_atan_exp", (DoubleUnaryOperator) ActivationsTest::xLog1pAtanExp),
                Arguments.of("x_log1p_tanh_exp", (DoubleUnaryOperator) ActivationsTest::xLog1pTanhExp));
    }

    static double xLog1pAtanExp(double x) {
        return x * Math.log1p(Math.atan(Math.exp(x)));
    }

    static double xLog1pTanhExp(double x) {
        return x * Math.log1p(Math.tanh(Math.exp(x)));
    }

    /** Points over [-10, 10], off the kinks at 0, +-3 and 6. */
    static double[] grid() {
        double[] xs = new double[4001];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = -10 + 20.0 * i / (xs.length - 1) + 0.00123;
        }
        return xs;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closedForms")
    void valuesAndSlopesMatchTheClosedForm(String spec, DoubleUnaryOperator f) {
        ActivationFunction function = Activations.get(spec);
        double[] xs = grid();
        double[][] out = Grad.valueAndGradient(xs, DataType.FLOAT64, function::apply);
        double h = 1e-6;
        for (int i = 0; i < xs.length; i++) {
            double x = xs[i];
            assertEquals(f.applyAsDouble(x), out[0][i], 1e-12 * Math.max(1, Math.abs(x)), spec + " f(" + x + ")");
            double slope = (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
            assertEquals(slope, out[1][i], 1e-7, spec + " f'(" + x + ")");
        }
        // float32 too, against the same closed form
        double[][] single = Grad.valueAndGradient(xs, DataType.FLOAT32, function::apply);
        for (int i = 0; i < xs.length; i++) {
            double x = (float) xs[i];
            assertEquals(f.applyAsDouble(x), single[0][i], 2e-6 * Math.max(1, Math.abs(x)), spec + " float32 f(" + x + ")");
        }
    }

    /**
     * Names that share a function (getFunction) compute it: values and slopes agree in float64, in training too (an
     * RReLU whose bounds are equal draws that one slope). Names of different functions do not share one.
     */
    @Test
    void namesOfOneFunctionComputeIt() {
        String[][] groups = {
                {"mish", "mish:native", "mish:analytic", "mish:autograd"},
                {"elu", "elu:1", "celu", "celu:1"},
                {"swish", "swish:1", "silu"},
                {"relu", "leaky_relu:0", "rrelu:0:0"},
                {"leaky_relu:0.3", "rrelu:0.3:0.3"}};
        double[] xs = grid();
        java.util.Set<String> functions = new java.util.HashSet<>();
        for (String[] group : groups) {
            String function = Activations.function(group[0]);
            assertTrue(functions.add(function), "two groups share " + function);
            ActivationFunction first = Activations.get(group[0]);
            double[][] reference = Grad.valueAndGradient(xs, DataType.FLOAT64, x -> first.apply(x, true));
            for (String name : group) {
                assertEquals(function, Activations.function(name), name);
                ActivationFunction f = Activations.get(name);
                double[][] out = Grad.valueAndGradient(xs, DataType.FLOAT64, x -> f.apply(x, true));
                for (int i = 0; i < xs.length; i++) {
                    assertEquals(reference[0][i], out[0][i], 1e-12 * Math.max(1, Math.abs(xs[i])),
                            name + " f(" + xs[i] + ") against " + group[0]);
                    assertEquals(reference[1][i], out[1][i], 1e-12, name + " f'(" + xs[i] + ") against " + group[0]);
                }
            }
        }
        // CELU and ELU differ at any other alpha, and so do their functions' names
        org.junit.jupiter.api.Assertions.assertNotEquals(Activations.function("elu:0.5"),
                Activations.function("celu:0.5"));
        org.junit.jupiter.api.Assertions.assertNotEquals(Activations.function("rrelu"),
                Activations.function("leaky_relu:0.125"));
        double[] elu = Grad.valueAndGradient(xs, DataType.FLOAT64, Activations.get("elu:0.5")::apply)[0];
        double[] celu = Grad.valueAndGradient(xs, DataType.FLOAT64, Activations.get("celu:0.5")::apply)[0];
        assertTrue(java.util.stream.IntStream.range(0, xs.length).anyMatch(i -> Math.abs(elu[i] - celu[i]) > 1e-3));
    }

    @Test
    void nativeKernelsAgreeWithTheirComposites() {
        double[] xs = grid();
        check(xs, "gelu:tanh", Activations::geluTanh);
        check(xs, "hardswish", Activations::hardSwish);
        check(xs, "celu:0.5", x -> Activations.celu(x, 0.5f));
        check(xs, "relu6", Activations::relu6);
        check(xs, "swish", x -> Activations.swish(x, 1f));
        check(xs, "atan_softplus", Activations::atanSoftplus);
        check(xs, "tanh_softplus", Activations::tanhSoftplus);
        check(xs, "x_log1p_atan_exp", Activations::xLog1pAtanExp);
        check(xs, "x_log1p_tanh_exp", Activations::xLog1pTanhExp);
    }

    /**
     * The paper's candidate functions far from 0, where e^x overflows (float32 beyond 88.7, float64 beyond 709): the
     * fused op and the composite give the float64 closed form's value and slope, never NaN (an overflowed e^x once
     * made a 0 * inf slope).
     */
    @Test
    void theCandidatesHoldAtExtremeInputs() {
        double[] xs = {-1000, -100, -30, -15, 15, 30, 39.5, 40.5, 88, 89, 100, 750, 1000};
        java.util.Map<String, DoubleUnaryOperator> reference = java.util.Map.of(
                "atan_softplus", x -> Math.atan(x) * MishReference.softplus(x),
                "tanh_softplus", x -> Math.tanh(x) * MishReference.softplus(x),
                "x_log1p_atan_exp", ActivationsTest::xLog1pAtanExp,
                "x_log1p_tanh_exp", ActivationsTest::xLog1pTanhExp);
        java.util.Map<String, UnaryOperator<NDArray>> composites = java.util.Map.of(
                "atan_softplus", Activations::atanSoftplus, "tanh_softplus", Activations::tanhSoftplus,
                "x_log1p_atan_exp", Activations::xLog1pAtanExp, "x_log1p_tanh_exp", Activations::xLog1pTanhExp);
        assertEquals(Activations.PAPER_CANDIDATES.stream().sorted().toList(),
                reference.keySet().stream().sorted().toList());
        for (String name : Activations.PAPER_CANDIDATES) {
            DoubleUnaryOperator f = reference.get(name);
            for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
                double tolerance = type == DataType.FLOAT64 ? 1e-12 : 2e-6;
                for (var impl : java.util.Map.of("fused", Activations.get(name)::apply,
                        "composite", composites.get(name)).entrySet()) {
                    double[][] out = Grad.valueAndGradient(xs, type, impl.getValue());
                    for (int i = 0; i < xs.length; i++) {
                        double x = xs[i];
                        String at = name + " " + impl.getKey() + " " + type + " at " + x;
                        assertEquals(f.applyAsDouble(x), out[0][i], tolerance * Math.max(1, Math.abs(x)), at);
                        double h = 1e-6 * Math.max(1, Math.abs(x));
                        double slope = (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
                        assertEquals(slope, out[1][i], type == DataType.FLOAT64 ? 1e-6 : 1e-5, "slope of " + at);
                    }
                }
            }
            // half precision: e^x overflows float16 beyond x = 11.09, so the registry computes it in float32 and
            // rounds once: values and slopes within about two float16 ulps of the closed form, never NaN
            double[] halves = {-30, -8, -1.5, 0.5, 3, 10, 11.5, 12, 60};
            double[][] out = Grad.valueAndGradient(halves, DataType.FLOAT16, Activations.get(name)::apply);
            for (int i = 0; i < halves.length; i++) {
                double x = halves[i];
                double h = 1e-6 * Math.max(1, Math.abs(x));
                double slope = (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
                assertEquals(f.applyAsDouble(x), out[0][i], 2e-3 * Math.max(1e-2, Math.abs(f.applyAsDouble(x))),
                        name + " float16 at " + x);
                assertEquals(slope, out[1][i], 2e-3 * Math.max(1, Math.abs(slope)), name + " float16 slope at " + x);
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> Activations.get("x_log1p_atan_exp").apply(manager.create(new int[] {1, 2})));
    }

    /**
     * Every registered activation, and the composites behind the fused kernels, gives the same gradient when the JVM
     * collects garbage between forward and backward (a constant DJL freed too early would read as garbage then).
     */
    @Test
    void gradientsSurviveAGarbageCollectionBeforeBackward() {
        java.util.Map<String, UnaryOperator<NDArray>> fs = new java.util.LinkedHashMap<>();
        for (String name : Activations.names()) {
            fs.put(name, Activations.get(name)::apply);
        }
        for (String impl : new String[] {"native", "analytic", "autograd"}) {
            fs.put("mish:" + impl, Activations.get("mish:" + impl)::apply);
        }
        fs.put("gelu:tanh composite", Activations::geluTanh);
        fs.put("hardswish composite", Activations::hardSwish);
        fs.put("celu:0.5 composite", x -> Activations.celu(x, 0.5f));
        fs.put("relu6 composite", Activations::relu6);
        fs.put("swish:1 composite", x -> Activations.swish(x, 1f));
        fs.put("swish:1.5", Activations.get("swish:1.5")::apply);
        fs.put("atan_softplus composite", Activations::atanSoftplus);
        fs.put("tanh_softplus composite", Activations::tanhSoftplus);
        fs.put("x_log1p_atan_exp composite", Activations::xLog1pAtanExp);
        fs.put("x_log1p_tanh_exp composite", Activations::xLog1pTanhExp);
        for (var e : fs.entrySet()) {
            double[] plain = GcPressure.gradient(grid(), DataType.FLOAT32, false, e.getValue());
            double[] pressed = GcPressure.gradient(grid(), DataType.FLOAT32, true, e.getValue());
            for (int i = 0; i < plain.length; i++) {
                assertEquals(plain[i], pressed[i], 0, e.getKey() + " slope " + i);
            }
        }
    }

    private static void check(double[] xs, String spec, UnaryOperator<NDArray> composite) {
        double[][] fused = Grad.valueAndGradient(xs, DataType.FLOAT64, Activations.get(spec)::apply);
        double[][] plain = Grad.valueAndGradient(xs, DataType.FLOAT64, composite);
        for (int i = 0; i < xs.length; i++) {
            assertEquals(plain[0][i], fused[0][i], 1e-12 * Math.max(1, Math.abs(xs[i])), spec + " value at " + xs[i]);
            assertEquals(plain[1][i], fused[1][i], 1e-12, spec + " slope at " + xs[i]);
        }
    }

    @Test
    void rreluDrawsSlopesBetweenItsBoundsWhileTraining() {
        ActivationFunction rrelu = Activations.get("rrelu:0.1:0.3");
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.full(new ai.djl.ndarray.types.Shape(10_000), -1f);
            double[] y = rrelu.apply(x, true).toType(DataType.FLOAT64, false).toDoubleArray();
            double min = 0;
            double max = -1;
            for (double v : y) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertTrue(min >= -0.3 && max <= -0.1, min + " .. " + max);
            assertTrue(max - min > 0.15, "slopes vary: " + min + " .. " + max);
        }
    }

    @Test
    void namesAreCaseInsensitiveAndCanonical() {
        assertEquals("leaky_relu:0.3", Activations.get("Leaky-ReLU:0.3").getName());
        assertEquals("swish:1", Activations.get("SWISH").getName());
        assertEquals("elu:1", Activations.get("elu:1.0").getName());
        assertEquals("mish:autograd", Activations.get("mish:AutoGrad").getName());
        for (String name : Activations.names()) {
            ActivationFunction f = Activations.get(name);
            assertEquals(f.getName(), Activations.get(f.getName()).getName(), "canonical names parse back");
        }
    }

    @Test
    void coversTable1OfThePaper() {
        for (String name : new String[] {"mish", "swish", "gelu", "relu", "elu", "leaky_relu", "selu", "softplus",
                "rrelu", "relu6", "celu", "tanh", "sigmoid", "hardswish", "silu"}) {
            assertTrue(Activations.names().contains(name), name);
        }
    }

    @Test
    void badNamesAndParametersGetClearErrors() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Activations.get("mesh"));
        assertTrue(unknown.getMessage().contains("'mesh'") && unknown.getMessage().contains("mish, "), unknown.getMessage());
        IllegalArgumentException number = assertThrows(IllegalArgumentException.class, () -> Activations.get("leaky_relu:abc"));
        assertTrue(number.getMessage().contains("alpha") && number.getMessage().contains("abc"), number.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Activations.get("relu:2"));
        assertThrows(IllegalArgumentException.class, () -> Activations.get("mish:fast"));
        assertThrows(IllegalArgumentException.class, () -> Activations.get("rrelu:0.5:0.1"));
        assertThrows(IllegalArgumentException.class, () -> Activations.get("celu:0"));
        // a name with ':' could never be found again: get() reads what follows it as parameters
        for (String name : new String[] {"my:act", " ", "two words"}) {
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> Activations.register(name, "never stored", p -> Activations.get("relu")), name);
            assertTrue(bad.getMessage().contains("'" + name + "'"), bad.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Activations.get("my"));
    }

    /**
     * The registry's own names are fixed (results know runs by name: relu is one function everywhere); names of
     * your own can be registered, replaced and removed, and describe reads a name with parameters as get does.
     */
    @Test
    void builtInNamesStayAndYourOwnCome() {
        for (String name : new String[] {"relu", "Mish", "leaky-relu", "x_log1p_tanh_exp"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Activations.register(name, "mine", p -> Activations.get("tanh")), name);
            assertTrue(e.getMessage().contains("built-in") && e.getMessage().contains("another name"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Activations.unregister(name));
        }
        assertEquals("relu", Activations.get("relu").getFunction(), "still ReLU");
        try {
            Activations.register("my_act", "tanh, mine", p -> ActivationFunction.of("my_act", x -> x.tanh()));
            Activations.register("My-Act", "tanh again, mine", p -> ActivationFunction.of("my_act", x -> x.tanh()));
            assertEquals("tanh again, mine", Activations.describe("my_act"), "registered again: replaced");
            assertTrue(Activations.isKnown("my_act"));
        } finally {
            assertTrue(Activations.unregister("my_act"));
        }
        assertTrue(!Activations.isKnown("my_act") && !Activations.unregister("my_act"));
        try { // an activation that calls itself by an unregistered name could not be found again by that name
            Activations.register("scaled_tanh", "2 tanh", p -> ActivationFunction.of("scaledTanh", x -> x.tanh()));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Activations.get("scaled_tanh"));
            assertTrue(e.getMessage().contains("'scaledTanh'") && e.getMessage().contains("name it 'scaled_tanh'"),
                    e.getMessage());
        } finally {
            Activations.unregister("scaled_tanh");
        }
        assertEquals(Activations.describe("leaky_relu"), Activations.describe("Leaky_ReLU:0.3"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Activations.describe("mesh:1"));
        assertTrue(unknown.getMessage().contains("'mesh:1'") && unknown.getMessage().contains("mish, "),
                unknown.getMessage());
    }

    /**
     * A function of your own from a method reference, overloaded ones included ({@code Mish::mish} also takes an
     * implementation): this compiles only while {@code of} has one functional overload per arity.
     */
    @Test
    void methodReferencesMakeFunctions() {
        ActivationFunction mine = ActivationFunction.of("my_mish", Mish::mish);
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals(Activations.get("mish").apply(m.create(new float[] {1f})).getFloat(0),
                    mine.apply(m.create(new float[] {1f})).getFloat(0), 0f);
        }
        assertEquals("my_mish", mine.getFunction());
    }

    /** Mish.block computes the function the registry's mish computes, under the same name: one function, one name. */
    @Test
    void mishBlocksAreTheRegistrysMish() {
        for (Mish.Impl impl : Mish.Impl.values()) {
            ActivationFunction f = ((ActivationBlock) Mish.block(impl)).getActivation();
            assertEquals("mish:" + impl, f.getName());
            assertEquals("mish", f.getFunction(), impl.toString());
            assertEquals(Activations.get("mish:" + impl), f);
        }
    }

    @Test
    void aParameterisedNativeOpIsMadeOncePerParameterSet() {
        // Activations.get("celu:0.5") in a loop must not load a new TorchScript module each call
        int before = NativeOps.customCount();
        Activations.get("celu:0.37");
        Activations.get("CELU:0.370");
        assertEquals(before + 1, NativeOps.customCount(), "one operation for one parameter, however asked");
        assertSame(NativeOps.custom("celu_0.5", "torch.celu(x, 0.5)"), NativeOps.custom("celu_0.5", "torch.celu(x, 0.5)"));
        org.junit.jupiter.api.Assertions.assertNotSame(NativeOps.custom("celu_0.5", "torch.celu(x, 0.5)"),
                NativeOps.custom("celu_0.25", "torch.celu(x, 0.25)"));
    }

    @Test
    void aChangedEngineInternalFailsWithWhatToDo() {
        // what a user with another DJL release sees instead of a bare NoSuchMethodError deep in a training step
        String message = TorchInternals.mismatch(new NoSuchMethodError("JniUtils.isGradMode()")).getMessage();
        org.junit.jupiter.api.Assertions.assertTrue(message.contains("DJL " + TorchInternals.EXPECTED_DJL)
                && message.contains("Mish.Impl.ANALYTIC") && message.contains("isGradMode"), message);
        // the self-check of first use passes on the DJL this library is built against, and so does the swap's
        TorchInternals.selfCheck();
        org.junit.jupiter.api.Assertions.assertEquals("children", ActivationSwap.children().getName());
    }
}
