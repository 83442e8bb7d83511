package io.github.mishdjl.zoo;

import ai.djl.nn.SequentialBlock;
import io.github.mishdjl.activation.ActivationFunction;
import io.github.mishdjl.nn.Layers;
import io.github.mishdjl.nn.NetBuilder;
import io.github.mishdjl.nn.Nets;
import java.util.function.Consumer;
import org.jspecify.annotations.NullMarked;

/**
 * The compact CIFAR-10 networks of the official notebooks (in the style of the pytorch-cifar100 collection, not
 * torchvision's): SqueezeNet (Table 1), MobileNet-v2 and ShuffleNet-v1 (Table 2). Each follows its notebook layer
 * for layer; the activation follows every batch norm the notebook activates, and nothing follows the classifier.
 * Convolutions carry a bias wherever the notebook leaves PyTorch's default ({@code bias=True}).
 */
@NullMarked
final class OfficialCompactNets {

    /** The official SqueezeNet notebook. */
    public static final String SQUEEZENET_FILE = "Notebooks/cifar-10-squeezenet-mish.ipynb";
    /** The official MobileNet-v2 notebook. */
    public static final String MOBILENET_V2_FILE = "Notebooks/cifar-10-mobilenetv2-mish.ipynb";
    /** The official ShuffleNet-v1 notebook. */
    public static final String SHUFFLENET_V1_FILE = "Notebooks/cifar-10-shufflenet-mish.ipynb";

    private OfficialCompactNets() {}

    /**
     * SqueezeNet with batch norm and simple bypass ({@value #SQUEEZENET_FILE}; 734,986 parameters for 10 classes):
     * a 3x3 stem of 96 (pad 1) + BN + act + max pool 2; fire modules 2-9 (squeeze 16, 16, 32, 32, 48, 48, 64, 64 to
     * twice 64, 64, 128, 128, 192, 192, 256, 256 expand channels), every convolution + BN + act; the bypass adds
     * each of fires 3, 5 and 7 to its input; max pool 2 after fires 4 and 8; a 1x1 convolution to the classes
     * (no BN, no act), then global average pooling. No dropout.
     */
    public static SequentialBlock squeezeNet(ActivationFunction activation, int classes) {
        return Nets.sequential(activation, b -> {
            b.inputChannels(3).conv(96, 3, o -> o.bias()).batchNorm().activation().maxPool(2, 2);
            fire(b, 16, 128);
            b.residual(f -> fire(f, 16, 128));
            fire(b, 32, 256);
            b.maxPool(2, 2);
            b.residual(f -> fire(f, 32, 256));
            fire(b, 48, 384);
            b.residual(f -> fire(f, 48, 384));
            fire(b, 64, 512);
            b.maxPool(2, 2);
            fire(b, 64, 512);
            b.conv(classes, 1, o -> o.bias()).globalAvgPool();
        });
    }

    /** squeeze 1x1, then 1x1 and 3x3 expansions of half the output each, concatenated; each conv + BN + act. */
    private static void fire(NetBuilder b, int squeeze, int out) {
        b.conv(squeeze, 1, o -> o.bias()).batchNorm().activation()
                .concat(e1 -> e1.conv(out / 2, 1, o -> o.bias()).batchNorm().activation(),
                        e3 -> e3.conv(out / 2, 3, o -> o.bias()).batchNorm().activation());
    }

    /**
     * MobileNet-v2 ({@value #MOBILENET_V2_FILE}; 2,254,090 parameters for 10 classes): a 1x1 stem of 32 with
     * padding 1 (so 34x34), linear bottlenecks (t, c, n, s) = (1,16,1,1), (6,24,2,2), (6,32,3,2), (6,64,4,2),
     * (6,96,3,1), (6,160,3,1), (6,320,1,1), each with its 1x1 expansion even at t = 1; a 1x1 head of 1280 + BN + act,
     * global average pooling and a 1x1-convolution classifier. Every convolution has a bias; no dropout. The
     * notebook's ReLU run uses ReLU6 (pass {@code relu6} to match it).
     */
    public static SequentialBlock mobileNetV2(ActivationFunction activation, int classes) {
        int[][] stages = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 1},
            {6, 320, 1, 1}};
        return Nets.sequential(activation, b -> {
            b.inputChannels(3).conv(32, 1, o -> o.padding(1).bias()).batchNorm().activation();
            for (int[] s : stages) {
                b.repeat(s[2], (r, i) -> linearBottleneck(r, s[0], s[1], i == 0 ? s[3] : 1));
            }
            b.conv(1280, 1, o -> o.bias()).batchNorm().activation()
                    .globalAvgPool().add(Layers.toSpatial()).conv(classes, 1, o -> o.bias()).flatten();
        });
    }

    private static void linearBottleneck(NetBuilder b, int t, int out, int stride) {
        int in = b.requireChannels("MobileNet-v2's linear bottleneck");
        int mid = in * t;
        Consumer<NetBuilder> body = r -> r
                .conv(mid, 1, o -> o.bias()).batchNorm().activation()
                .conv(mid, 3, o -> o.stride(stride).groups(mid).bias()).batchNorm().activation()
                .conv(out, 1, o -> o.bias()).batchNorm();
        if (stride == 1 && in == out) {
            b.residual(body);
        } else {
            body.accept(b);
        }
    }

    /**
     * ShuffleNet-v1 with 3 groups ({@value #SHUFFLENET_V1_FILE}; 925,618 parameters for 10 classes): a 3x3 stem of 24
     * + BN + act; stages of 4, 8, 4 units with 240, 480, 960 channels, the first unit of each with stride 2. A unit
     * is a grouped 1x1 convolution to a quarter of the stage width + BN + act, channel shuffle, a depthwise 3x3 +
     * BN (no act), a grouped 1x1 + BN, joined to the shortcut (the identity, added; or in a stage's first unit a
     * 3x3 average pool with stride 2, placed first in a concatenation), then act. Every convolution has a bias.
     * Every first 1x1 is grouped, the first stage's too: the notebook's "no groups in stage 2" test compares a list
     * with 2 and never holds. Then global average pooling and a linear classifier.
     */
    public static SequentialBlock shuffleNetV1(ActivationFunction activation, int classes) {
        int groups = 3;
        int[] widths = {240, 480, 960};
        int[] units = {4, 8, 4};
        return Nets.sequential(activation, b -> {
            b.inputChannels(3).conv(24, 3, o -> o.bias()).batchNorm().activation();
            for (int stage = 0; stage < 3; stage++) {
                int width = widths[stage];
                b.repeat(units[stage], (r, i) -> shuffleUnit(r, width, i == 0, groups));
            }
            b.globalAvgPool().linear(classes);
        });
    }

    private static void shuffleUnit(NetBuilder b, int width, boolean first, int groups) {
        int in = b.requireChannels("ShuffleNet's unit");
        int mid = width / 4;
        int stride = first ? 2 : 1;
        int branchOut = first ? width - in : width;
        Consumer<NetBuilder> body = u -> u
                .conv(mid, 1, o -> o.groups(groups).bias()).batchNorm().activation()
                .channelShuffle(groups)
                .conv(mid, 3, o -> o.stride(stride).groups(mid).bias()).batchNorm()
                .conv(branchOut, 1, o -> o.groups(groups).bias()).batchNorm();
        if (first) {
            // PyTorch's AvgPool2d counts the zero padding in the average.
            b.concat(shortcut -> shortcut.avgPool(3, 2, 1, true), body).activation();
        } else {
            b.residual(body).activation();
        }
    }
}
