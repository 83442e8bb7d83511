package io.github.mishdjl.zoo;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import io.github.mishdjl.activation.ActivationFunction;
import io.github.mishdjl.nn.NetBuilder;
import io.github.mishdjl.nn.Nets;
import org.jspecify.annotations.NullMarked;

/**
 * Plain (non-residual) networks: SimpleNet and the small ablation nets (reconstructions), and torchvision's
 * SqueezeNet 1.1 (a library variant; the paper's own SqueezeNet is {@link OfficialCompactNets#squeezeNet}).
 */
@NullMarked
final class SimpleNets {

    private SimpleNets() {}

    /**
     * SimpleNet (Hasanpour et al., "Lets keep it simple", 2016; the CIFAR-10 Caffe model, about 5.48M
     * parameters): 13 convolutions with bias, each with batch norm and the activation, max pooling after
     * layers 4, 7, 9, 10 and 12, dropout, global max pooling and a linear classifier.
     */
    public static SequentialBlock simpleNet(ActivationFunction activation, int classes) {
        return Nets.sequential(activation, b -> {
            b.inputChannels(3);
            int[] filters = {64, 128, 128, 128, 128, 128, 256, 256, 256, 512, 2048, 256, 256};
            int[] kernels = {3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1, 1, 3};
            for (int i = 0; i < filters.length; i++) {
                int k = kernels[i];
                b.conv(filters[i], k, o -> o.bias()).batchNorm().activation();
                if (i == 3 || i == 6 || i == 8 || i == 9 || i == 11) {
                    b.maxPool(2, 2).dropout(0.1f);
                }
            }
            b.globalMaxPool().dropout(0.1f).linear(classes);
        });
    }

    /**
     * SqueezeNet 1.1 (Iandola et al. 2016; torchvision's layer set, 727,626 parameters for 10 classes) for
     * 32x32 inputs: the stem convolution has stride 1; fire modules squeeze (1x1) then expand (1x1 and 3x3,
     * concatenated); convolutions carry bias and no batch norm; the classifier is a 1x1 convolution and global
     * average pooling.
     */
    public static SequentialBlock squeezeNet(ActivationFunction activation, int classes) {
        return Nets.sequential(activation, b -> {
            b.inputChannels(3).conv(64, 3, o -> o.bias()).activation();
            pool(b);
            fire(b, 16, 64);
            fire(b, 16, 64);
            pool(b);
            fire(b, 32, 128);
            fire(b, 32, 128);
            pool(b);
            fire(b, 48, 192);
            fire(b, 48, 192);
            fire(b, 64, 256);
            fire(b, 64, 256);
            b.dropout(0.5f).conv(classes, 1, o -> o.bias()).activation().globalAvgPool();
        });
    }

    private static void pool(NetBuilder b) {
        b.add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(0, 0), true));
    }

    private static void fire(NetBuilder b, int squeeze, int expand) {
        b.conv(squeeze, 1, o -> o.bias()).activation()
                .concat(e1 -> e1.conv(expand, 1, o -> o.bias()).activation(),
                        e3 -> e3.conv(expand, 3, o -> o.bias()).activation());
    }

    /**
     * The six-layer CNN of the paper's Fig. 2 and the initialiser ablation (Fig. 5c), after the Keras CIFAR-10
     * example: two 3x3 convolutions of 32, max pooling, two of 64, max pooling, a dense layer of 512 with
     * dropout 0.5, and the classifier (six weighted layers, with bias, no batch norm).
     */
    public static SequentialBlock sixLayerCnn(ActivationFunction activation, int classes) {
        return Nets.sequential(activation, b -> b.inputChannels(3)
                .conv(32, 3, o -> o.bias()).activation().conv(32, 3, o -> o.bias()).activation().maxPool(2, 2)
                .conv(64, 3, o -> o.bias()).activation().conv(64, 3, o -> o.bias()).activation().maxPool(2, 2)
                .flatten().linear(512).activation().dropout(0.5f).linear(classes));
    }

    /**
     * The five-layer convolutional network of the input-noise ablation (Fig. 5b, MNIST): convolutions of 32, 64,
     * 128 and 128 with max pooling after the second and fourth, then the classifier (five weighted layers).
     */
    public static SequentialBlock fiveLayerCnn(ActivationFunction activation, int classes) {
        return Nets.sequential(activation, b -> b.inputChannels(1)
                .conv(32, 3, o -> o.bias()).activation().conv(64, 3, o -> o.bias()).activation().maxPool(2, 2)
                .conv(128, 3, o -> o.bias()).activation().conv(128, 3, o -> o.bias()).activation().maxPool(2, 2)
                .flatten().linear(classes));
    }
}
