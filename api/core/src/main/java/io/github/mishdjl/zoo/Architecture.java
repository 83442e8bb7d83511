package io.github.mishdjl.zoo;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.github.mishdjl.activation.ActivationFunction;
import ai.djl.training.loss.Loss;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * One architecture of the zoo: its name, the reference it follows, where its layout comes from ({@link Source}, with
 * the official file where there is one), its input, and how to build it.
 */
@NullMarked
public final class Architecture {

    private final String name;
    private final String reference;
    private final Source source;
    private final @Nullable String officialFile;
    private final Shape inputShape;
    private final int classes;
    private final Function<ActivationFunction, Block> factory;
    private final Supplier<Loss> loss;

    Architecture(String name, String reference, Source source, @Nullable String officialFile, Shape inputShape,
            int classes, Function<ActivationFunction, Block> factory) {
        this(name, reference, source, officialFile, inputShape, classes, factory, Loss::softmaxCrossEntropyLoss);
    }

    Architecture(String name, String reference, Source source, @Nullable String officialFile, Shape inputShape,
            int classes, Function<ActivationFunction, Block> factory, Supplier<Loss> loss) {
        if (source.isOfficial() != (officialFile != null)) {
            throw new IllegalArgumentException(name + ": an official file goes with an official source, and only then");
        }
        this.name = name;
        this.reference = reference;
        this.source = Objects.requireNonNull(source, "source");
        this.officialFile = officialFile;
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

    /** Where its layout comes from: the official code, the notebook as run, a library, or a reconstruction. */
    public Source getSource() {
        return source;
    }

    /** Whether no official code exists for it (its design is reconstructed from the cited paper). */
    public boolean isReconstructed() {
        return source.isReconstructed();
    }

    /**
     * The official repository's file it follows, e.g. {@code Notebooks/cifar-10-squeezenet-mish.ipynb}: present for
     * {@link Source#OFFICIAL} and {@link Source#OFFICIAL_AS_RUN} (the same notebook, in its as-run form), empty
     * otherwise.
     */
    public Optional<String> getOfficialFile() {
        return Optional.ofNullable(officialFile);
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
