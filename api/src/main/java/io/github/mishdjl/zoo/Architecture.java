package io.github.mishdjl.zoo;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.github.mishdjl.activation.ActivationFunction;
import java.util.function.Function;
import org.jspecify.annotations.NullMarked;

/** One architecture of the zoo: its name, the reference it follows, its input, and how to build it. */
@NullMarked
public final class Architecture {

    private final String name;
    private final String reference;
    private final Shape inputShape;
    private final int classes;
    private final Function<ActivationFunction, Block> factory;

    Architecture(String name, String reference, Shape inputShape, int classes,
            Function<ActivationFunction, Block> factory) {
        this.name = name;
        this.reference = reference;
        this.inputShape = inputShape;
        this.classes = classes;
        this.factory = factory;
    }

    /** The zoo name, e.g. {@code resnet20-v2}. */
    public String getName() {
        return name;
    }

    /** The paper and implementation it follows. */
    public String getReference() {
        return reference;
    }

    /** One example's shape, e.g. (3, 32, 32). */
    public Shape getInputShape() {
        return inputShape;
    }

    /** The number of classes of its output. */
    public int getClasses() {
        return classes;
    }

    /** Builds a fresh network with the given activation. */
    public Block build(ActivationFunction activation) {
        return factory.apply(activation);
    }

    @Override
    public String toString() {
        return name;
    }
}
