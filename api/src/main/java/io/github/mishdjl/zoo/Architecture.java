package io.github.mishdjl.zoo;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.github.mishdjl.activation.ActivationFunction;
import ai.djl.training.loss.Loss;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.NullMarked;

/** One architecture of the zoo: its name, the reference it follows, its input, and how to build it. */
@NullMarked
public final class Architecture {

    private final String name;
    private final String reference;
    private final Shape inputShape;
    private final int classes;
    private final Function<ActivationFunction, Block> factory;
    private final Supplier<Loss> loss;

    Architecture(String name, String reference, Shape inputShape, int classes,
            Function<ActivationFunction, Block> factory) {
        this(name, reference, inputShape, classes, factory, Loss::softmaxCrossEntropyLoss);
    }

    Architecture(String name, String reference, Shape inputShape, int classes,
            Function<ActivationFunction, Block> factory, Supplier<Loss> loss) {
        this.name = name;
        this.reference = reference;
        this.inputShape = inputShape;
        this.classes = classes;
        this.factory = factory;
        this.loss = loss;
    }

    /** A new instance of the loss it trains with: softmax cross-entropy, or Capsule Net's margin loss. */
    public Loss newLoss() {
        return loss.get();
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
