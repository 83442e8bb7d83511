package io.github.mishdjl.zoo;

import ai.djl.nn.SequentialBlock;
import io.github.mishdjl.activation.ActivationFunction;
import io.github.mishdjl.nn.NetBuilder;
import io.github.mishdjl.nn.Nets;
import org.jspecify.annotations.NullMarked;

/**
 * Library layouts of Table 2's mobile-sized networks, kept beside the official ones ({@link OfficialDenseNet},
 * {@link OfficialCompactNets}, {@link OfficialEfficientNet}): DenseNet-121, MobileNet-v2, EfficientNet-B0
 * (torchvision's layer sets, so their parameter counts equal torchvision's for 10 classes) and ShuffleNet-v1 (the
 * widely used CIFAR port, kuangliu/pytorch-cifar's ShuffleNetG3). CIFAR adaptation: stems keep full 32x32 resolution (stride 1,
 * no stem max pooling); strides do not change parameter counts.
 */
@NullMarked
final class EfficientNets {

    private EfficientNets() {}

    /**
     * DenseNet-121 (Huang et al., CVPR 2017): growth 32, blocks of 6/12/24/16 bottleneck layers
     * (BN-act-conv1x1 to 128, BN-act-conv3x3 to 32, concatenated to the input), transitions halving channels
     * and resolution; 6,964,106 parameters for 10 classes, as torchvision's {@code densenet121}.
     */
    public static SequentialBlock denseNet121(ActivationFunction activation, int classes) {
        int growth = 32;
        int[] blocks = {6, 12, 24, 16};
        return Nets.sequential(activation, b -> {
            b.inputChannels(3).conv(64, 7).batchNorm().activation();
            int channels = 64;
            for (int i = 0; i < blocks.length; i++) {
                b.repeat(blocks[i], r -> r.concat(
                        identity -> { },
                        layer -> layer.batchNorm().activation().conv(4 * growth, 1)
                                .batchNorm().activation().conv(growth, 3)));
                channels += blocks[i] * growth;
                if (i < blocks.length - 1) {
                    channels /= 2;
                    b.batchNorm().activation().conv(channels, 1).avgPool(2, 2);
                }
            }
            b.batchNorm().activation().globalAvgPool().linear(classes);
        });
    }

    /**
     * MobileNet-v2 (Sandler et al., CVPR 2018): inverted residuals (t, c, n, s) = (1,16,1,1), (6,24,2,2),
     * (6,32,3,2), (6,64,4,2), (6,96,3,1), (6,160,3,2), (6,320,1,1), a 1x1 head of 1280, dropout 0.2;
     * 2,236,682 parameters for 10 classes, as torchvision's {@code mobilenet_v2}. CIFAR: stem stride 1 and the
     * second stage's stride 1 (as kuangliu's port), leaving 4x4 at the head.
     */
    public static SequentialBlock mobileNetV2(ActivationFunction activation, int classes) {
        int[][] settings = {{1, 16, 1, 1}, {6, 24, 2, 1}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1},
            {6, 160, 3, 2}, {6, 320, 1, 1}};
        return Nets.sequential(activation, b -> {
            b.inputChannels(3).conv(32, 3).batchNorm().activation();
            for (int[] s : settings) {
                b.repeat(s[2], (r, i) -> r.invertedResidual(s[0], s[1], 3, i == 0 ? s[3] : 1, 0));
            }
            b.conv(1280, 1).batchNorm().activation().globalAvgPool().dropout(0.2f).linear(classes);
        });
    }

    /**
     * EfficientNet-B0 (Tan and Le, ICML 2019): MBConv stages (expand, kernel, stride, channels, layers) =
     * (1,3,1,16,1), (6,3,2,24,2), (6,5,2,40,2), (6,3,2,80,3), (6,5,1,112,3), (6,5,2,192,4), (6,3,1,320,1) with
     * squeeze-and-excitation to a quarter of each block's input channels, a 1x1 head of 1280, dropout 0.2;
     * 4,020,358 parameters for 10 classes, as torchvision's {@code efficientnet_b0}. The pluggable activation
     * replaces Swish everywhere, inside the squeeze-and-excitation too; stochastic depth is left out.
     */
    public static SequentialBlock efficientNetB0(ActivationFunction activation, int classes) {
        int[][] stages = {{1, 3, 1, 16, 1}, {6, 3, 2, 24, 2}, {6, 5, 2, 40, 2}, {6, 3, 2, 80, 3}, {6, 5, 1, 112, 3},
            {6, 5, 2, 192, 4}, {6, 3, 1, 320, 1}};
        return Nets.sequential(activation, b -> {
            b.inputChannels(3).conv(32, 3).batchNorm().activation();
            for (int[] s : stages) {
                b.repeat(s[4], (r, i) -> r.invertedResidual(s[0], s[3], s[1], i == 0 ? s[2] : 1, 0.25));
            }
            b.conv(1280, 1).batchNorm().activation().globalAvgPool().dropout(0.2f).linear(classes);
        });
    }

    /**
     * ShuffleNet-v1 with 3 groups (Zhang et al., CVPR 2018), kuangliu/pytorch-cifar's CIFAR port: a 1x1 stem of
     * 24, stages of 4/8/4 units with 240/480/960 channels; a unit is grouped 1x1 (a quarter of the output width;
     * ungrouped on the 24-channel stem output), channel shuffle, depthwise 3x3, grouped 1x1; stride-2 units
     * concatenate a 3x3 average-pooled shortcut, the others add the identity.
     */
    public static SequentialBlock shuffleNetV1(ActivationFunction activation, int classes) {
        int groups = 3;
        int[] widths = {240, 480, 960};
        int[] units = {4, 8, 4};
        return Nets.sequential(activation, b -> {
            b.inputChannels(3).conv(24, 1).batchNorm().activation();
            int in = 24;
            for (int stage = 0; stage < 3; stage++) {
                int width = widths[stage];
                for (int i = 0; i < units[stage]; i++) {
                    shuffleUnit(b, in, i == 0 ? width - in : width, i == 0 ? 2 : 1, groups);
                    in = width;
                }
            }
            b.globalAvgPool().linear(classes);
        });
    }

    private static void shuffleUnit(NetBuilder b, int in, int out, int stride, int groups) {
        int mid = out / 4;
        int g = in == 24 ? 1 : groups;
        java.util.function.Consumer<NetBuilder> body = u -> u
                .conv(mid, 1, o -> o.groups(g)).batchNorm().activation()
                .channelShuffle(g)
                .depthwiseConv(3, stride).batchNorm()
                .conv(out, 1, o -> o.groups(groups)).batchNorm();
        if (stride == 2) {
            b.concat(body, shortcut -> shortcut.avgPool(3, 2, 1)).activation();
        } else {
            b.residual(body).activation();
        }
    }
}
