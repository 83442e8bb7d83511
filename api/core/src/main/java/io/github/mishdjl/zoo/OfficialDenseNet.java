package io.github.mishdjl.zoo;

import ai.djl.nn.SequentialBlock;
import io.github.mishdjl.activation.ActivationFunction;
import io.github.mishdjl.activation.Activations;
import io.github.mishdjl.nn.Nets;
import org.jspecify.annotations.NullMarked;

/**
 * DenseNet-121 of the official notebook ({@value #FILE}): DenseNet-BC (Huang et al., CVPR 2017) in the
 * pytorch-cifar100 style, growth 32, dense blocks of 6/12/24/16 bottleneck layers. The stem is a bare 3x3
 * convolution to 64 channels (no BN, no act, no pooling); a bottleneck layer is BN-act-conv1x1 (128)-BN-act-conv3x3
 * (32), concatenated to its input; a transition is BN, a 1x1 convolution halving the channels and 2x2 average
 * pooling, without activation; then BN + act, global average pooling and a linear classifier. Convolutions have
 * no bias.
 *
 * <p>Two forms: {@link #denseNet121} is the paper's intent, the chosen activation everywhere and 10 classes
 * (6,956,298 parameters); {@link #asRun} is the notebook's exact form, which passes the activation only to the
 * final BN + act (every bottleneck keeps ReLU, because the bottleneck is built without the activation argument)
 * and leaves the class count at its default of 100 (7,048,548 parameters).
 */
@NullMarked
final class OfficialDenseNet {

    /** The official file this follows. */
    public static final String FILE = "Notebooks/cifar-10-DenseNet121_Mish.ipynb";
    /** The notebook's class count as run (its constructor's default; CIFAR-10 has 10). */
    public static final int AS_RUN_CLASSES = 100;

    private static final int GROWTH = 32;
    private static final int[] BLOCKS = {6, 12, 24, 16};

    private OfficialDenseNet() {}

    /** The paper's intent: the activation in every bottleneck and at the end. */
    public static SequentialBlock denseNet121(ActivationFunction activation, int classes) {
        return build(activation, activation, classes);
    }

    /** The notebook as run: ReLU in the bottlenecks, the activation only at the end, 100 outputs. */
    public static SequentialBlock asRun(ActivationFunction activation) {
        return build(Activations.get("relu"), activation, AS_RUN_CLASSES);
    }

    private static SequentialBlock build(ActivationFunction inner, ActivationFunction last, int classes) {
        return Nets.sequential(inner, b -> {
            b.inputChannels(3).conv(2 * GROWTH, 3);
            int channels = 2 * GROWTH;
            for (int i = 0; i < BLOCKS.length; i++) {
                b.repeat(BLOCKS[i], r -> r.concat(
                        identity -> { },
                        layer -> layer.batchNorm().activation().conv(4 * GROWTH, 1)
                                .batchNorm().activation().conv(GROWTH, 3)));
                channels += BLOCKS[i] * GROWTH;
                if (i < BLOCKS.length - 1) {
                    channels /= 2; // int(0.5 * channels): every count here is even
                    b.batchNorm().conv(channels, 1).avgPool(2, 2);
                }
            }
            b.batchNorm().activation(last).globalAvgPool().linear(classes);
        });
    }
}
