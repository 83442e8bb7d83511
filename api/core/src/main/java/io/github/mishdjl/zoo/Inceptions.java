package io.github.mishdjl.zoo;

import ai.djl.nn.SequentialBlock;
import io.github.mishdjl.activation.ActivationFunction;
import io.github.mishdjl.ndarray.Scalars;
import io.github.mishdjl.nn.ConvOptions;
import io.github.mishdjl.nn.NetBuilder;
import io.github.mishdjl.nn.Nets;
import java.util.function.Consumer;
import org.jspecify.annotations.NullMarked;

/**
 * The Inception family of Table 2: Inception-v3 in torchvision's layer set (a library variant; the official
 * notebook's is {@link OfficialInceptionV3}), Inception-ResNet-v2 and Xception (Keras applications' layer sets, the
 * reconstruction of the paper's Keras era). Their parameter counts equal the references' (see
 * the tests). CIFAR adaptation: the stems keep 32x32 (stride 1, same padding, no stem pooling), so the two
 * reductions leave 15x15 and 7x7; strides and padding do not change parameter counts.
 */
@NullMarked
final class Inceptions {

    private static final float KERAS_EPSILON = 1e-3f;

    private Inceptions() {}

    /**
     * conv (no bias), batch norm (eps 1e-3), activation: torchvision's BasicConv2d when the norm learns its scale,
     * Keras' conv2d_bn when it does not.
     */
    private static NetBuilder convBn(NetBuilder b, int filters, int kernel, Consumer<ConvOptions> options,
            boolean scale) {
        return b.conv(filters, kernel, options).batchNorm(KERAS_EPSILON, scale).activation();
    }

    private static NetBuilder cba(NetBuilder b, int filters, int kernel, Consumer<ConvOptions> options) {
        return convBn(b, filters, kernel, options, true);
    }

    private static NetBuilder cba(NetBuilder b, int filters, int kernel) {
        return convBn(b, filters, kernel, o -> { }, true);
    }

    private static NetBuilder cbaRect(NetBuilder b, int filters, int height, int width) {
        return b.convRect(filters, height, width).batchNorm(KERAS_EPSILON, true).activation();
    }

    /** Valid 3x3 stride-2 convolution, as in the reductions. */
    private static void reduce(ConvOptions o) {
        o.stride(2).padding(0);
    }

    /**
     * Inception-v3 (Szegedy et al., CVPR 2016) without the auxiliary head: modules 5b-5d (A), 6a (B), 6b-6e
     * (C), 7a (D), 7b-7c (E), then dropout 0.5 and the classifier; 21,806,058 parameters for 10 classes, as
     * torchvision's {@code inception_v3(aux_logits=False)}.
     */
    public static SequentialBlock inceptionV3(ActivationFunction activation, int classes) {
        return Nets.sequential(activation, b -> {
            b.inputChannels(3);
            cba(b, 32, 3);
            cba(b, 32, 3);
            cba(b, 64, 3);
            cba(b, 80, 1);
            cba(b, 192, 3);
            inceptionA(b, 32);
            inceptionA(b, 64);
            inceptionA(b, 64);
            b.concat(b3 -> cba(b3, 384, 3, Inceptions::reduce),
                    dbl -> cba(cba(cba(dbl, 64, 1), 96, 3), 96, 3, Inceptions::reduce),
                    pool -> pool.maxPool(3, 2));
            inceptionC(b, 128);
            inceptionC(b, 160);
            inceptionC(b, 160);
            inceptionC(b, 192);
            b.concat(b3 -> cba(cba(b3, 192, 1), 320, 3, Inceptions::reduce),
                    b7 -> cba(cbaRect(cbaRect(cba(b7, 192, 1), 192, 1, 7), 192, 7, 1), 192, 3, Inceptions::reduce),
                    pool -> pool.maxPool(3, 2));
            inceptionE(b);
            inceptionE(b);
            b.globalAvgPool().dropout(0.5f).linear(classes);
        });
    }

    private static void inceptionA(NetBuilder b, int poolFeatures) {
        b.concat(b1 -> cba(b1, 64, 1),
                b5 -> cba(cba(b5, 48, 1), 64, 5),
                dbl -> cba(cba(cba(dbl, 64, 1), 96, 3), 96, 3),
                pool -> cba(pool.avgPool(3, 1, 1), poolFeatures, 1));
    }

    private static void inceptionC(NetBuilder b, int c7) {
        b.concat(b1 -> cba(b1, 192, 1),
                b7 -> cbaRect(cbaRect(cba(b7, c7, 1), c7, 1, 7), 192, 7, 1),
                dbl -> cbaRect(cbaRect(cbaRect(cbaRect(cba(dbl, c7, 1), c7, 7, 1), c7, 1, 7), c7, 7, 1), 192, 1, 7),
                pool -> cba(pool.avgPool(3, 1, 1), 192, 1));
    }

    private static void inceptionE(NetBuilder b) {
        b.concat(b1 -> cba(b1, 320, 1),
                b3 -> cba(b3, 384, 1).concat(a -> cbaRect(a, 384, 1, 3), c -> cbaRect(c, 384, 3, 1)),
                dbl -> cba(cba(dbl, 448, 1), 384, 3).concat(a -> cbaRect(a, 384, 1, 3), c -> cbaRect(c, 384, 3, 1)),
                pool -> cba(pool.avgPool(3, 1, 1), 192, 1));
    }

    /** Keras' conv2d_bn: conv without bias, batch norm without scale (eps 1e-3), activation. */
    private static NetBuilder kbn(NetBuilder b, int filters, int kernel, Consumer<ConvOptions> options) {
        return convBn(b, filters, kernel, options, false);
    }

    private static NetBuilder kbn(NetBuilder b, int filters, int kernel) {
        return convBn(b, filters, kernel, o -> { }, false);
    }

    private static NetBuilder kbnRect(NetBuilder b, int filters, int height, int width) {
        return b.convRect(filters, height, width).batchNorm(KERAS_EPSILON, false).activation();
    }

    /**
     * Inception-ResNet-v2 (Szegedy et al., AAAI 2017), as Keras applications builds it: stem, mixed 5b, 10
     * Inception-ResNet-A blocks (scale 0.17), reduction 6a, 20 B blocks (scale 0.1), reduction 7a, 10 C blocks
     * (scale 0.2; the last unscaled and not activated), a 1x1 convolution to 1536, global pooling, classifier.
     * Keras counts 55,813,192 trainable parameters for 1000 classes; so does this, for 1000 classes.
     */
    public static SequentialBlock inceptionResNetV2(ActivationFunction activation, int classes) {
        return Nets.sequential(activation, b -> {
            b.inputChannels(3);
            kbn(b, 32, 3);
            kbn(b, 32, 3);
            kbn(b, 64, 3);
            kbn(b, 80, 1);
            kbn(b, 192, 3);
            b.concat(b0 -> kbn(b0, 96, 1),
                    b1 -> kbn(kbn(b1, 48, 1), 64, 5),
                    b2 -> kbn(kbn(kbn(b2, 64, 1), 96, 3), 96, 3),
                    pool -> kbn(pool.avgPool(3, 1, 1, false), 64, 1)); // Keras' 'same' pooling: padding not counted
            b.repeat(10, r -> resnetBlock(r, 0.17f, 320, true, m -> m.concat(
                    b0 -> kbn(b0, 32, 1),
                    b1 -> kbn(kbn(b1, 32, 1), 32, 3),
                    b2 -> kbn(kbn(kbn(b2, 32, 1), 48, 3), 64, 3))));
            b.concat(b0 -> kbn(b0, 384, 3, Inceptions::reduce),
                    b1 -> kbn(kbn(kbn(b1, 256, 1), 256, 3), 384, 3, Inceptions::reduce),
                    pool -> pool.maxPool(3, 2));
            b.repeat(20, r -> resnetBlock(r, 0.1f, 1088, true, m -> m.concat(
                    b0 -> kbn(b0, 192, 1),
                    b1 -> kbnRect(kbnRect(kbn(b1, 128, 1), 160, 1, 7), 192, 7, 1))));
            b.concat(b0 -> kbn(kbn(b0, 256, 1), 384, 3, Inceptions::reduce),
                    b1 -> kbn(kbn(b1, 256, 1), 288, 3, Inceptions::reduce),
                    b2 -> kbn(kbn(kbn(b2, 256, 1), 288, 3), 320, 3, Inceptions::reduce),
                    pool -> pool.maxPool(3, 2));
            b.repeat(10, (r, i) -> resnetBlock(r, i < 9 ? 0.2f : 1f, 2080, i < 9, m -> m.concat(
                    b0 -> kbn(b0, 192, 1),
                    b1 -> kbnRect(kbnRect(kbn(b1, 192, 1), 224, 1, 3), 256, 3, 1))));
            kbn(b, 1536, 1);
            b.globalAvgPool().linear(classes);
        });
    }

    /** x + scale * conv1x1(mixed(x)) (the 1x1 "up" convolution has a bias and no batch norm), then act. */
    private static void resnetBlock(NetBuilder b, float scale, int channels, boolean activate,
            Consumer<NetBuilder> mixed) {
        b.residual(body -> {
            mixed.accept(body);
            body.conv(channels, 1, o -> o.bias()).lambda("Scale" + scale, x -> Scalars.mul(x, scale));
        });
        if (activate) {
            b.activation();
        }
    }

    /**
     * Xception (Chollet, CVPR 2017), as Keras applications builds it: entry flow (two convolutions, three
     * blocks of two separable convolutions with strided 1x1 projected shortcuts), middle flow (eight blocks of
     * three separable convolutions of 728), exit flow, global pooling, classifier. Keras counts 22,855,952
     * trainable parameters for 1000 classes; so does this, for 1000 classes.
     */
    public static SequentialBlock xception(ActivationFunction activation, int classes) {
        return Nets.sequential(activation, b -> {
            b.inputChannels(3).conv(32, 3).batchNorm(KERAS_EPSILON, true).activation()
                    .conv(64, 3).batchNorm(KERAS_EPSILON, true).activation();
            entryBlock(b, 128, 128, false);
            entryBlock(b, 256, 256, true);
            entryBlock(b, 728, 728, true);
            b.repeat(8, r -> r.residual(body -> body.repeat(3, s -> s.activation()
                    .separableConv(728, 3).batchNorm(KERAS_EPSILON, true))));
            entryBlock(b, 728, 1024, true);
            b.separableConv(1536, 3).batchNorm(KERAS_EPSILON, true).activation()
                    .separableConv(2048, 3).batchNorm(KERAS_EPSILON, true).activation()
                    .globalAvgPool().linear(classes);
        });
    }

    private static void entryBlock(NetBuilder b, int first, int second, boolean activateFirst) {
        b.residual(body -> {
            if (activateFirst) {
                body.activation();
            }
            body.separableConv(first, 3).batchNorm(KERAS_EPSILON, true).activation()
                    .separableConv(second, 3).batchNorm(KERAS_EPSILON, true)
                    .maxPool(3, 2, 1);
        }, shortcut -> shortcut.conv(second, 1, 2).batchNorm(KERAS_EPSILON, true));
    }
}
