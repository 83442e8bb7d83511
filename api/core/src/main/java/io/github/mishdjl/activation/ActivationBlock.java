package io.github.mishdjl.activation;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * A parameter-free DJL block applying one {@link ActivationFunction} element-wise. Knowing its function
 * makes it identifiable, so that activations can be listed, summarised and swapped inside a model.
 */
@NullMarked
public final class ActivationBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final ActivationFunction function;

    /**
     * Creates a block for a function.
     *
     * @param function the activation to apply
     */
    public ActivationBlock(ActivationFunction function) {
        super(VERSION);
        this.function = function;
    }

    /** Returns the activation this block applies (Kotlin: {@code block.activation}). */
    public ActivationFunction getActivation() {
        return function;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            @Nullable PairList<String, Object> params) {
        return new NDList(function.apply(inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes.clone();
    }

    @Override
    public String toString() {
        return "Activation(" + function.getName() + ")";
    }
}
