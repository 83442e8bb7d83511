package io.github.mishdjl.zoo;

import ai.djl.nn.SequentialBlock;
import io.github.mishdjl.activation.ActivationFunction;
import io.github.mishdjl.nn.Nets;
import org.jspecify.annotations.NullMarked;

/**
 * CIFAR ResNets, following Keras' {@code cifar10_resnet.py} example (the paper's "ResNet v2-20" comes from
 * that Keras era): convolutions with bias, batch norm, He et al.'s three stages of 16/32/64 channels on 32x32.
 *
 * <ul>
 *   <li>v1 (He et al., "Deep Residual Learning", CVPR 2016): depth 6n+2, basic blocks conv-BN-act-conv-BN,
 *       sum, act; a 1x1 strided convolution (bias, no BN) projects the shortcut where the shape changes.
 *   <li>v2 (He et al., "Identity Mappings", ECCV 2016): pre-activation. Depth 9n+2 (20, 56, ...) uses the Keras
 *       example's bottleneck blocks BN-act-conv1x1, BN-act-conv3x3, BN-act-conv1x1 with 16/64/128/256 channels;
 *       other depths 6n+2 (32, 44) use pre-activation basic blocks BN-act-conv3x3 twice.
 * </ul>
 */
@NullMarked
final class ResNets {

    private ResNets() {}

    /** ResNet v1 for CIFAR at depth 6n+2 (20, 32, 44, 56, 110). */
    public static SequentialBlock v1(int depth, ActivationFunction activation, int classes) {
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new IllegalArgumentException("ResNet v1 depth must be 6n+2 (20, 32, 44, 56, ...), got " + depth);
        }
        int n = (depth - 2) / 6;
        return Nets.sequential(activation, b -> {
            b.inputChannels(3).conv(16, 3, o -> o.bias()).batchNorm().activation();
            int filters = 16;
            for (int stage = 0; stage < 3; stage++) {
                int f = filters;
                int st = stage;
                b.repeat(n, (r, i) -> {
                    int stride = st > 0 && i == 0 ? 2 : 1;
                    r.residual(
                            body -> body.conv(f, 3, o -> o.stride(stride).bias()).batchNorm().activation()
                                    .conv(f, 3, o -> o.bias()).batchNorm(),
                            shortcut -> {
                                if (stride != 1) {
                                    shortcut.conv(f, 1, o -> o.stride(stride).bias());
                                }
                            })
                            .activation();
                });
                filters *= 2;
            }
            b.avgPool(8, 8).flatten().linear(classes);
        });
    }

    /** ResNet v2 for CIFAR: bottleneck at depth 9n+2 (20, 56), pre-activation basic blocks at 6n+2 (32, 44). */
    public static SequentialBlock v2(int depth, ActivationFunction activation, int classes) {
        if (depth >= 11 && (depth - 2) % 9 == 0) {
            return v2Bottleneck((depth - 2) / 9, activation, classes);
        }
        if (depth >= 8 && (depth - 2) % 6 == 0) {
            return v2Basic((depth - 2) / 6, activation, classes);
        }
        throw new IllegalArgumentException("ResNet v2 depth must be 9n+2 (20, 56) or 6n+2 (32, 44), got " + depth);
    }

    private static SequentialBlock v2Bottleneck(int n, ActivationFunction activation, int classes) {
        return Nets.sequential(activation, b -> {
            b.inputChannels(3).conv(16, 3, o -> o.bias()).batchNorm().activation();
            int in = 16;
            for (int stage = 0; stage < 3; stage++) {
                int fin = in;
                int out = stage == 0 ? in * 4 : in * 2;
                int st = stage;
                b.repeat(n, (r, i) -> {
                    int stride = st > 0 && i == 0 ? 2 : 1;
                    boolean bareFirst = st == 0 && i == 0; // the stem already normalised and activated
                    r.residual(body -> {
                        if (!bareFirst) {
                            body.batchNorm().activation();
                        }
                        body.conv(fin, 1, o -> o.stride(stride).bias())
                                .batchNorm().activation().conv(fin, 3, o -> o.bias())
                                .batchNorm().activation().conv(out, 1, o -> o.bias());
                    }, shortcut -> {
                        if (i == 0) {
                            shortcut.conv(out, 1, o -> o.stride(stride).bias());
                        }
                    });
                });
                in = out;
            }
            b.batchNorm().activation().avgPool(8, 8).flatten().linear(classes);
        });
    }

    private static SequentialBlock v2Basic(int n, ActivationFunction activation, int classes) {
        return Nets.sequential(activation, b -> {
            b.inputChannels(3).conv(16, 3, o -> o.bias());
            int filters = 16;
            for (int stage = 0; stage < 3; stage++) {
                int f = filters;
                int st = stage;
                b.repeat(n, (r, i) -> {
                    int stride = st > 0 && i == 0 ? 2 : 1;
                    r.residual(body -> body.batchNorm().activation().conv(f, 3, o -> o.stride(stride).bias())
                                    .batchNorm().activation().conv(f, 3, o -> o.bias()),
                            shortcut -> {
                                if (stride != 1) {
                                    shortcut.conv(f, 1, o -> o.stride(stride).bias());
                                }
                            });
                });
                filters *= 2;
            }
            b.batchNorm().activation().avgPool(8, 8).flatten().linear(classes);
        });
    }

    /**
     * Wide ResNet WRN-d-k (Zagoruyko and Komodakis, BMVC 2016; the reference PyTorch port): n = (d-4)/6
     * pre-activation basic blocks per stage, widths 16k/32k/64k, convolutions without bias, 1x1 projections
     * where the width changes. WRN-10-2 is the paper's.
     */
    public static SequentialBlock wide(int depth, int widen, ActivationFunction activation, int classes) {
        if (depth < 10 || (depth - 4) % 6 != 0 || widen < 1) {
            throw new IllegalArgumentException("WRN depth must be 6n+4 (10, 16, 22, 28) and k >= 1, got WRN-"
                    + depth + "-" + widen);
        }
        int n = (depth - 4) / 6;
        return Nets.sequential(activation, b -> {
            b.inputChannels(3).conv(16, 3);
            int in = 16;
            for (int stage = 0; stage < 3; stage++) {
                int width = 16 * widen << stage;
                int fin = in;
                int st = stage;
                b.repeat(n, (r, i) -> {
                    int stride = st > 0 && i == 0 ? 2 : 1;
                    boolean project = i == 0 && fin != width;
                    r.residual(body -> body.batchNorm().activation().conv(width, 3, stride)
                                    .batchNorm().activation().conv(width, 3),
                            shortcut -> {
                                if (project) {
                                    shortcut.conv(width, 1, stride);
                                }
                            });
                });
                in = width;
            }
            b.batchNorm().activation().globalAvgPool().linear(classes);
        });
    }
}
