package io.github.mishdjl.activation;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import java.util.Objects;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * One element-wise activation function with its canonical registry name, e.g. {@code mish:native} or
 * {@code leaky_relu:0.3}. Immutable and stateless: the same instance may build any number of blocks.
 *
 * <p>Get one from {@link Activations#get(String)}, or make one with {@link #of(String, java.util.function.UnaryOperator)}
 * ({@link #ofKernel(String, Kernel)} when it behaves differently in training, as RReLU does).
 */
@NullMarked
public final class ActivationFunction {

    /** The computation: {@code training} matters only for randomised activations such as RReLU. */
    @FunctionalInterface
    public interface Kernel {
        /**
         * Applies the activation.
         *
         * @param x the input
         * @param training whether the call is part of a training step
         * @return the activation of {@code x}, in the manager of {@code x}
         */
        NDArray apply(NDArray x, boolean training);
    }

    private final String name;
    private final String function;
    private final Kernel kernel;

    private ActivationFunction(String name, String function, Kernel kernel) {
        this.name = Objects.requireNonNull(name, "name");
        this.function = Objects.requireNonNull(function, "function");
        this.kernel = Objects.requireNonNull(kernel, "kernel");
    }

    /**
     * Wraps a kernel under a name; the function it computes is known by the same name (see {@link #getFunction()}).
     * Named apart from {@code of}: overloaded method references such as {@code Mish::mish} would fit both.
     *
     * @param name the canonical name, shown in model summaries and results
     * @param kernel the computation
     * @return the activation function
     */
    public static ActivationFunction ofKernel(String name, Kernel kernel) {
        return new ActivationFunction(name, name, kernel);
    }

    /**
     * Wraps a kernel under a name, computing a function also reachable under another name: an implementation of it
     * ({@code mish:analytic} computes {@code mish}) or the same function written differently ({@code celu:1} computes
     * {@code elu:1}).
     *
     * @param name the canonical name, shown in model summaries and results
     * @param function the canonical name of the mathematical function computed
     * @param kernel the computation
     * @return the activation function
     */
    public static ActivationFunction ofKernel(String name, String function, Kernel kernel) {
        return new ActivationFunction(name, function, kernel);
    }

    /**
     * Wraps a deterministic function under a name.
     *
     * @param name the canonical name
     * @param function the computation, the same in training and inference
     * @return the activation function
     */
    public static ActivationFunction of(String name, java.util.function.UnaryOperator<NDArray> function) {
        Objects.requireNonNull(function, "function");
        return new ActivationFunction(name, name, (x, training) -> function.apply(x));
    }

    /**
     * Wraps a deterministic function under a name, computing a function also reachable under another name (as in
     * {@link #ofKernel(String, String, Kernel)}).
     *
     * @param name the canonical name
     * @param function the canonical name of the mathematical function computed
     * @param computation the computation, the same in training and inference
     * @return the activation function
     */
    public static ActivationFunction of(String name, String function,
            java.util.function.UnaryOperator<NDArray> computation) {
        Objects.requireNonNull(computation, "computation");
        return new ActivationFunction(name, function, (x, training) -> computation.apply(x));
    }

    /** Returns the canonical name, e.g. {@code mish:native}; {@link Activations#get} accepts it back. */
    public String getName() {
        return name;
    }

    /**
     * Returns the canonical name of the mathematical function computed, shared by every implementation of it and by
     * every name that computes it: {@code mish} for {@code mish:native} and {@code mish:analytic}, {@code elu:1} for
     * {@code celu:1}. Two runs that differ only in names with one function test one hypothesis (Holm's family counts
     * it once).
     */
    public String getFunction() {
        return function;
    }

    /**
     * Applies the function as in inference.
     *
     * @param x the input
     * @return the activation of {@code x}
     */
    public NDArray apply(NDArray x) {
        return kernel.apply(x, false);
    }

    /**
     * Applies the function.
     *
     * @param x the input
     * @param training whether this is a training step
     * @return the activation of {@code x}
     */
    public NDArray apply(NDArray x, boolean training) {
        return kernel.apply(x, training);
    }

    /** Returns a new DJL block applying this function element-wise. */
    public Block block() {
        return new ActivationBlock(this);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ActivationFunction && ((ActivationFunction) other).name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
