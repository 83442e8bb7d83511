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
 *
 * <p>A network of your own becomes one through {@link #builder()}; {@link Zoo#register(Architecture)} then makes its
 * name usable wherever a zoo name is (grids, training runs, reports, the loss landscape):
 *
 * <pre>{@code
 * Architecture tiny = Architecture.builder()
 *         .setName("tiny-cnn")
 *         .setInputShape(new Shape(1, 28, 28))
 *         .optReference("two convolutions and a linear layer")
 *         .setFactory(act -> Nets.sequential(act, b -> b.inputChannels(1).conv(8, 3).activation().flatten()
 *                 .linear(10)))
 *         .build();
 * Zoo.register(tiny);
 * }</pre>
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

    /** A builder for a network of your own ({@link Source#USER}). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a user architecture: name, input shape and factory are required; 10 classes by default. */
    public static final class Builder {

        private @Nullable String name;
        private @Nullable Shape inputShape;
        private int classes = 10;
        private String reference = "a network of the library's user";
        private Supplier<Loss> loss = Loss::softmaxCrossEntropyLoss;
        private @Nullable Function<ActivationFunction, Block> factory;

        private Builder() {}

        /**
         * Sets the name runs, results and reports use. Lower-case letters, digits, '.', '-' (it becomes part of run
         * ids and file names); it must not be a built-in name.
         */
        public Builder setName(String name) {
            this.name = name;
            return this;
        }

        /** Sets one example's shape, channels first, e.g. {@code new Shape(3, 32, 32)}: it must match the dataset. */
        public Builder setInputShape(Shape inputShape) {
            this.inputShape = inputShape;
            return this;
        }

        /** Sets the number of outputs (classes); 10 by default. */
        public Builder optClasses(int classes) {
            this.classes = classes;
            return this;
        }

        /** Sets the one-line description reports show, e.g. the paper it follows. */
        public Builder optReference(String reference) {
            this.reference = reference;
            return this;
        }

        /** Sets the loss it trains with; softmax cross-entropy by default. */
        public Builder optLoss(Supplier<Loss> loss) {
            this.loss = loss;
            return this;
        }

        /** Sets how to build a fresh network with a given activation (called once per run). */
        public Builder setFactory(Function<ActivationFunction, Block> factory) {
            this.factory = factory;
            return this;
        }

        /**
         * Builds the architecture.
         *
         * @throws IllegalArgumentException when the name, the input shape or the factory is missing or invalid
         */
        public Architecture build() {
            if (name == null || !Zoo.isValidName(name)) {
                throw new IllegalArgumentException("An architecture needs a name of lower-case letters, digits, '.' "
                        + "and '-', starting with a letter or digit (it becomes part of run ids and file names); got "
                        + (name == null ? "none" : "'" + name + "'"));
            }
            if (inputShape == null || inputShape.dimension() < 1) {
                throw new IllegalArgumentException("Architecture '" + name + "' needs its input shape, one example "
                        + "channels first, e.g. new Shape(1, 28, 28) for MNIST: setInputShape(...)");
            }
            if (classes < 2) {
                throw new IllegalArgumentException("Architecture '" + name + "' needs at least 2 classes, got "
                        + classes);
            }
            if (factory == null) {
                throw new IllegalArgumentException("Architecture '" + name + "' needs a factory that builds the "
                        + "network from an activation: setFactory(activation -> ...)");
            }
            return new Architecture(name, reference, Source.USER, null, inputShape, classes, factory, loss);
        }
    }
}
