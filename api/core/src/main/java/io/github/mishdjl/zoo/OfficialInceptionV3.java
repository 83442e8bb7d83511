package io.github.mishdjl.zoo;

import ai.djl.nn.SequentialBlock;
import io.github.mishdjl.activation.ActivationFunction;
import io.github.mishdjl.nn.ConvOptions;
import io.github.mishdjl.nn.NetBuilder;
import io.github.mishdjl.nn.Nets;
import java.util.function.Consumer;
import org.jspecify.annotations.NullMarked;

/**
 * Inception-v3 of the official notebook ({@value #FILE}; 22,133,738 parameters for 10 classes), the
 * pytorch-cifar100 layout for 32x32 inputs, not torchvision's. Every convolution is bias-free + BN (PyTorch's
 * default eps 1e-5) + act. The stem is 3x3 32, 3x3 32, 3x3 64 (padding 1), 1x1 80, 3x3 192 (valid: 30x30), with
 * no stride and no pooling. Modules 5b-5d (A; the pool branch is a 3x3 convolution), 6a (B, to 14x14), 6b-6e (C;
 * the 7-branches are (7,1) then (1,7)), 7a (D, average-pooled, to 6x6), 7b-7c (E); then global average pooling,
 * Dropout2d 0.5 (on (N, C, 1, 1) it drops the same units as plain dropout on (N, C)) and a linear classifier. No
 * auxiliary head. Average pools count their padding, as PyTorch's do by default.
 */
@NullMarked
final class OfficialInceptionV3 {

    /** The official file this follows. */
    public static final String FILE = "Notebooks/cifar-10-inception-v3-mish.ipynb";

    private OfficialInceptionV3() {}

    /** Builds the notebook's Inception-v3. */
    public static SequentialBlock inceptionV3(ActivationFunction activation, int classes) {
        return Nets.sequential(activation, b -> {
            b.inputChannels(3);
            cba(b, 32, 3);
            cba(b, 32, 3);
            cba(b, 64, 3);
            cba(b, 80, 1);
            cba(b, 192, 3, OfficialInceptionV3::valid);
            inceptionA(b, 32);
            inceptionA(b, 64);
            inceptionA(b, 64);
            b.concat(b3 -> cba(b3, 384, 3, OfficialInceptionV3::reduce),
                    stack -> cba(cba(cba(stack, 64, 1), 96, 3), 96, 3, OfficialInceptionV3::reduce),
                    pool -> pool.maxPool(3, 2));
            inceptionC(b, 128);
            inceptionC(b, 160);
            inceptionC(b, 160);
            inceptionC(b, 192);
            b.concat(b3 -> cba(cba(b3, 192, 1), 320, 3, OfficialInceptionV3::reduce),
                    b7 -> cba(rect(rect(cba(b7, 192, 1), 192, 1, 7), 192, 7, 1), 192, 3, OfficialInceptionV3::reduce),
                    pool -> pool.avgPool(3, 2, 0, true));
            inceptionE(b);
            inceptionE(b);
            b.globalAvgPool().dropout(0.5f).linear(classes);
        });
    }

    /** BasicConv2d: conv (no bias), BN, act; same padding unless the options say otherwise. */
    private static NetBuilder cba(NetBuilder b, int filters, int kernel, Consumer<ConvOptions> options) {
        return b.conv(filters, kernel, options).batchNorm().activation();
    }

    private static NetBuilder cba(NetBuilder b, int filters, int kernel) {
        return cba(b, filters, kernel, o -> { });
    }

    /** A (height x width) BasicConv2d, same-padded. */
    private static NetBuilder rect(NetBuilder b, int filters, int height, int width) {
        return b.convRect(filters, height, width).batchNorm().activation();
    }

    private static void valid(ConvOptions o) {
        o.padding(0);
    }

    private static void reduce(ConvOptions o) {
        o.stride(2).padding(0);
    }

    private static void inceptionA(NetBuilder b, int poolFeatures) {
        b.concat(b1 -> cba(b1, 64, 1),
                b5 -> cba(cba(b5, 48, 1), 64, 5),
                b3 -> cba(cba(cba(b3, 64, 1), 96, 3), 96, 3),
                pool -> cba(pool.avgPool(3, 1, 1, true), poolFeatures, 3));
    }

    private static void inceptionC(NetBuilder b, int c7) {
        b.concat(b1 -> cba(b1, 192, 1),
                b7 -> rect(rect(cba(b7, c7, 1), c7, 7, 1), 192, 1, 7),
                stack -> rect(rect(rect(rect(cba(stack, c7, 1), c7, 7, 1), c7, 1, 7), c7, 7, 1), 192, 1, 7),
                pool -> cba(pool.avgPool(3, 1, 1, true), 192, 1));
    }

    private static void inceptionE(NetBuilder b) {
        b.concat(b1 -> cba(b1, 320, 1),
                b3 -> cba(b3, 384, 1).concat(a -> rect(a, 384, 1, 3), c -> rect(c, 384, 3, 1)),
                stack -> cba(cba(stack, 448, 1), 384, 3).concat(a -> rect(a, 384, 1, 3), c -> rect(c, 384, 3, 1)),
                pool -> cba(pool.avgPool(3, 1, 1, true), 192, 1));
    }
}
