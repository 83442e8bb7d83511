package io.github.mishdjl.activation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.NullMarked;

/**
 * Mish, {@code f(x) = x * tanh(softplus(x))} with {@code softplus(x) = ln(1 + e^x)} (Misra, BMVC 2020,
 * arXiv:1908.08681), as a function on {@link NDArray}s and as a DJL {@link Block}.
 *
 * <p>Not to be confused with DJL's {@link Activation#mish}, which computes {@code x * tanh(log2(1 + e^x))}:
 * a different function (its slope at 0 is 0.7616, not 0.6, and its gradient is NaN for float32 x &ge; 89).
 *
 * <p>Three implementations of the same function, chosen with {@link Impl}: they agree with each other and
 * with a float64 closed form (see the tests). All follow PyTorch's softplus threshold of 20 ({@code
 * softplus(x) = x} for {@code x > 20}); float16 (and bfloat16, on engines that have it: DJL's PyTorch engine
 * 0.35.1 does not) is computed in float32 and rounded once.
 *
 * <pre>{@code
 * NDArray y = Mish.mish(x);                       // the default implementation
 * Block act = Mish.block();                       // use inside SequentialBlock, train with Trainer
 * Block reference = Mish.block(Mish.Impl.AUTOGRAD);
 * }</pre>
 */
@NullMarked
public final class Mish {

    /** Inputs above this threshold use {@code softplus(x) = x}, as PyTorch and Mish-CUDA do. */
    public static final float SOFTPLUS_THRESHOLD = 20f;

    /** How the function and its gradient are computed. */
    public enum Impl {
        /**
         * libtorch's fused {@code aten::mish} and {@code mish_backward} kernels, through a tiny TorchScript
         * module: one pass forward, one pass backward, nothing saved but the input. PyTorch engine only;
         * the default there.
         */
        NATIVE,
        /**
         * The closed-form gradient {@code f'(x) = t + x * sigmoid(x) * (1 - t^2)}, {@code t =
         * tanh(softplus(x))}, computed in the forward pass and attached through the stop-gradient identity
         * {@code stop(y) + (x - stop(x)) * stop(f'(x))}. Works on any DJL engine.
         */
        ANALYTIC,
        /** The composite {@code x * tanh(softplus(x))}, differentiated by autograd: the reference. */
        AUTOGRAD;

        /**
         * Parses an implementation name, ignoring case.
         *
         * @param name {@code native}, {@code analytic} or {@code autograd}
         * @return the implementation
         * @throws IllegalArgumentException naming the known implementations
         */
        public static Impl parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "Unknown Mish implementation '" + name + "'; known: native, analytic, autograd", e);
            }
        }

        /** Returns the lower-case name used on the command line and in the registry. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private Mish() {}

    /**
     * Returns the implementation {@link #mish(NDArray)} and {@link #block()} use: {@link Impl#NATIVE} on the
     * PyTorch engine, {@link Impl#ANALYTIC} elsewhere.
     *
     * @return the default implementation
     */
    public static Impl defaultImpl() {
        return NativeOps.available() ? Impl.NATIVE : Impl.ANALYTIC;
    }

    /**
     * Applies Mish element-wise with the default implementation.
     *
     * @param x a floating-point array
     * @return {@code x * tanh(softplus(x))}, in the manager of {@code x}
     */
    public static NDArray mish(NDArray x) {
        return mish(x, defaultImpl());
    }

    /**
     * Applies Mish element-wise with the given implementation.
     *
     * @param x a floating-point array (float32, float64, float16; bfloat16 where the engine has it)
     * @param impl how to compute it
     * @return {@code x * tanh(softplus(x))}, in the manager of {@code x}
     * @throws IllegalArgumentException if {@code x} is not floating point
     * @throws UnsupportedOperationException for {@link Impl#NATIVE} off the PyTorch engine
     */
    public static NDArray mish(NDArray x, Impl impl) {
        return inFloat(x, "Mish", wide -> compute(wide, impl));
    }

    /**
     * Applies {@code f} to {@code x} directly in float32 or float64, and to half precision widened to float32 and
     * rounded once, as PyTorch's CUDA kernels do; any other type is refused before work starts.
     */
    static NDArray inFloat(NDArray x, String what, UnaryOperator<NDArray> f) {
        DataType type = x.getDataType();
        if (type == DataType.FLOAT32 || type == DataType.FLOAT64) {
            return f.apply(x);
        }
        if (type == DataType.FLOAT16 || type == DataType.BFLOAT16) {
            try (NDArray wide = NativeOps.cast(x, DataType.FLOAT32);
                    NDArray result = f.apply(wide)) {
                return NativeOps.cast(result, type);
            }
        }
        throw new IllegalArgumentException(
                what + " needs a float32, float64 or float16 array (bfloat16 where the engine has it), got " + type
                        + " of shape " + x.getShape() + "; convert it first, e.g. x.toType(DataType.FLOAT32, false)");
    }

    /**
     * Applies Mish to the single array of {@code inputs}, in the shape DJL's {@code LambdaBlock} expects.
     *
     * @param inputs a list holding one floating-point array
     * @return a list holding {@code mish(x)}
     */
    public static NDList mish(NDList inputs) {
        return new NDList(mish(inputs.singletonOrThrow()));
    }

    /**
     * The derivative {@code f'(x) = t + x * sigmoid(x) * (1 - t^2)} with {@code t = tanh(softplus(x))},
     * computed without recording a gradient.
     *
     * @param x a floating-point array (float32, float64, float16; bfloat16 where the engine has it), half
     *     precision computed in float32 and rounded once, as {@link #mish(NDArray, Impl)} does
     * @return {@code f'(x)}, in the manager of {@code x}
     * @throws IllegalArgumentException if {@code x} is not floating point
     */
    public static NDArray derivative(NDArray x) {
        return inFloat(x, "Mish's derivative", wide -> {
            try (NDArray detached = wide.stopGradient()) {
                NDArray[] valueAndSlope = MishAnalytic.valueAndSlope(detached);
                valueAndSlope[0].close();
                return valueAndSlope[1];
            }
        });
    }

    /**
     * Returns a new Mish block with the default implementation.
     *
     * @return a parameter-free block computing Mish element-wise
     */
    public static Block block() {
        return block(defaultImpl());
    }

    /**
     * Returns a new Mish block with the given implementation.
     *
     * @param impl how to compute it
     * @return a parameter-free block computing Mish element-wise
     */
    public static Block block(Impl impl) {
        // the registry's function: named mish:<impl>, computing mish (as every other way of getting it)
        return Activations.get("mish:" + impl).block();
    }

    private static NDArray compute(NDArray x, Impl impl) {
        switch (impl) {
            case NATIVE:
                return NativeOps.MISH.apply(x);
            case ANALYTIC:
                return MishAnalytic.apply(x);
            case AUTOGRAD:
                try (NDArray softplus = Activation.softPlus(x);
                        NDArray t = softplus.tanh()) {
                    return x.mul(t);
                }
            default:
                throw new AssertionError(impl);
        }
    }
}
