package io.github.mishdjl.zoo;

import ai.djl.nn.SequentialBlock;
import io.github.mishdjl.activation.ActivationFunction;
import io.github.mishdjl.nn.Nets;
import org.jspecify.annotations.NullMarked;

/**
 * The depth ablation network of the paper's Fig. 5a as the official Keras notebook builds it ({@value #FILE}), on
 * MNIST (1x28x28): Conv2D(20, 5x5, valid) + act, Conv2D(50, 5x5, valid) + act, max pooling 2, dropout 0.25,
 * flatten (5,000), then {@code blocks} x [Dense 500, BN, act, dropout 0.25], then Dense 10 (the softmax is in the
 * loss). 5,298,580 trainable parameters at 12 blocks, 251,500 more per block (Keras' BN trains 2 per unit).
 *
 * <p>The figure's points are 12 to 22 blocks, which it labels 15 to 25 "layers" (blocks + 3: the two
 * convolutions and the classifier). Batch norm uses Keras' defaults, eps 1e-3 and momentum 0.99 (the same
 * convention in DJL).
 */
@NullMarked
final class OfficialDeepDense {

    /** The official file this follows. */
    public static final String FILE = "Layers_Acc.ipynb";
    /** The figure's smallest number of dense blocks. */
    public static final int FIGURE_MIN_BLOCKS = 12;
    /** The figure's largest number of dense blocks. */
    public static final int FIGURE_MAX_BLOCKS = 22;
    /** What the figure adds to the block count in its "layers" axis. */
    public static final int FIGURE_LABEL_OFFSET = 3;

    private OfficialDeepDense() {}

    /**
     * Builds the network.
     *
     * @param blocks dense blocks, at least 1 (the figure: 12 to 22)
     * @param activation the activation after both convolutions and every batch norm
     * @param classes output units (10)
     * @return a plain DJL block
     */
    public static SequentialBlock deepDense(int blocks, ActivationFunction activation, int classes) {
        if (blocks < 1) {
            throw new IllegalArgumentException("deep-dense needs at least 1 dense block, got " + blocks);
        }
        return Nets.sequential(activation, b -> b.inputChannels(1)
                .conv(20, 5, o -> o.padding(0).bias()).activation()
                .conv(50, 5, o -> o.padding(0).bias()).activation()
                .maxPool(2, 2).dropout(0.25f).flatten()
                .repeat(blocks, r -> r.linear(500).batchNorm(1e-3f, 0.99f).activation().dropout(0.25f))
                .linear(classes));
    }
}
