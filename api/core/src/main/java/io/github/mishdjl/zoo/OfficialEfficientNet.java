package io.github.mishdjl.zoo;

import ai.djl.nn.SequentialBlock;
import io.github.mishdjl.activation.ActivationFunction;
import io.github.mishdjl.nn.NetBuilder;
import io.github.mishdjl.nn.Nets;
import java.util.function.Consumer;
import org.jspecify.annotations.NullMarked;

/**
 * EfficientNet-B0 of the official notebook ({@value #FILE}), a port of the TensorFlow reference: a 3x3 stem of 32
 * with stride 2 (16x16 on CIFAR); MBConv stages (expand, kernel, stride, channels, repeats) = (1,3,1,16,1),
 * (6,3,2,24,2), (6,5,2,40,2), (6,3,2,80,3), (6,5,1,112,3), (6,5,2,192,4), (6,3,1,320,1); an MBConv is a 1x1
 * expansion + BN + act (none at expand 1), a depthwise convolution + BN + act, squeeze-and-excitation to a quarter
 * of the block's input channels (with the activation inside, biased 1x1 convolutions, sigmoid gate), a 1x1
 * projection + BN, and the identity added where stride is 1 and channels stay; a 1x1 head of 1280 + BN + act,
 * global average pooling, Dropout2d 0.2 (plain dropout on (N, C), the same thing) and a linear classifier.
 *
 * <p>As the notebook: convolutions without bias outside the squeeze-and-excitation; TensorFlow's "same" padding,
 * which on even sizes with stride 2 puts the odd pixel at the bottom and right (an explicit zero pad, then an
 * unpadded convolution); BN eps 1e-3 and PyTorch momentum 0.01 (0.99 in DJL's convention); drop-connect off (the
 * notebook replaces it by the identity). The notebook hard-codes Mish; here the activation is pluggable, inside the
 * squeeze-and-excitation too. Padding is computed for the 32x32 CIFAR input.
 *
 * <p>Two forms: {@link #efficientNetB0} with the given classes (10: 4,020,358 parameters) and {@link #asRun}, the
 * notebook's exact form, which never sets {@code num_classes} and so keeps the ImageNet default of 1,000 outputs
 * (5,288,548 parameters) while training on CIFAR-10's 10 labels.
 */
@NullMarked
final class OfficialEfficientNet {

    /** The official file this follows. */
    public static final String FILE = "Notebooks/cifar-10-efficientnet-mish.ipynb";
    /** The notebook's class count as run (the constructor's ImageNet default). */
    public static final int AS_RUN_CLASSES = 1000;
    /** The input's side, for which the "same" padding is computed. */
    public static final int INPUT_SIZE = 32;

    private static final float EPSILON = 1e-3f;
    private static final float MOMENTUM = 0.99f; // PyTorch momentum 0.01
    private static final int[][] STAGES = {{1, 3, 1, 16, 1}, {6, 3, 2, 24, 2}, {6, 5, 2, 40, 2}, {6, 3, 2, 80, 3},
        {6, 5, 1, 112, 3}, {6, 5, 2, 192, 4}, {6, 3, 1, 320, 1}};

    private OfficialEfficientNet() {}

    /** The notebook's EfficientNet-B0 with the given class count (10 for the paper's CIFAR-10 table). */
    public static SequentialBlock efficientNetB0(ActivationFunction activation, int classes) {
        return Nets.sequential(activation, b -> {
            b.inputChannels(3);
            int size = sameConv(b, INPUT_SIZE, 32, 3, 2, false);
            b.batchNorm(EPSILON, MOMENTUM).activation();
            for (int[] s : STAGES) {
                for (int i = 0; i < s[4]; i++) {
                    size = mbConv(b, size, s[0], s[1], i == 0 ? s[2] : 1, s[3]);
                }
            }
            b.conv(1280, 1).batchNorm(EPSILON, MOMENTUM).activation()
                    .globalAvgPool().dropout(0.2f).linear(classes);
        });
    }

    /** The notebook exactly as run: 1,000 outputs. */
    public static SequentialBlock asRun(ActivationFunction activation) {
        return efficientNetB0(activation, AS_RUN_CLASSES);
    }

    private static int mbConv(NetBuilder b, int size, int expand, int kernel, int stride, int out) {
        int in = b.requireChannels("EfficientNet's MBConv block");
        int mid = in * expand;
        int[] outSize = new int[1];
        Consumer<NetBuilder> body = r -> {
            if (expand != 1) {
                r.conv(mid, 1).batchNorm(EPSILON, MOMENTUM).activation();
            }
            outSize[0] = sameConv(r, size, mid, kernel, stride, true);
            r.batchNorm(EPSILON, MOMENTUM).activation()
                    .squeezeExcite((int) (in * 0.25))
                    .conv(out, 1).batchNorm(EPSILON, MOMENTUM);
        };
        if (stride == 1 && in == out) {
            b.residual(body);
        } else {
            body.accept(b);
        }
        return outSize[0];
    }

    /**
     * A bias-free convolution with TensorFlow's "same" padding for an input of {@code size}: the total padding
     * {@code max(0, (ceil(size / stride) - 1) * stride + kernel - size)}, its odd pixel at the bottom and right.
     *
     * @return the output size
     */
    private static int sameConv(NetBuilder b, int size, int filters, int kernel, int stride, boolean depthwise) {
        int out = (size + stride - 1) / stride;
        int total = Math.max(0, (out - 1) * stride + kernel - size);
        int before = total / 2;
        int after = total - before;
        if (before != after) {
            b.zeroPad(before, after, before, after);
        }
        int padding = before == after ? before : 0;
        b.conv(filters, kernel, o -> o.stride(stride).padding(padding).groups(depthwise ? filters : 1));
        return out;
    }
}
