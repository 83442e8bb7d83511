package io.github.mishdjl.zoo;

import ai.djl.nn.SequentialBlock;
import io.github.mishdjl.activation.ActivationFunction;
import io.github.mishdjl.nn.Nets;
import org.jspecify.annotations.NullMarked;

/**
 * The CIFAR ResNets of the official 2020 experiments ({@value #FILE}): He et al.'s CIFAR ResNet v1 (CVPR 2016,
 * section 4.2), depth 6n+2, three stages of 16/32/64 channels on 32x32, 16x16, 8x8. A basic block is conv3x3-BN-act,
 * conv3x3-BN, plus the shortcut, then act; convolutions have no bias. Where a stage starts (stride 2, channels
 * doubled) the shortcut is "option A": every second pixel, with the new channels zero-padded half before and half
 * after, so it has no parameters. Then global average pooling and a linear classifier. ResNet-20/32/44/56 have
 * 269,722 / 464,154 / 658,586 / 853,018 trainable parameters.
 *
 * <p>Not carried over: the file's Kaiming-normal initialisation of convolutions and the linear layer (the training
 * code chooses the initialiser).
 */
@NullMarked
final class OfficialResNets {

    /** The official file these follow. */
    public static final String FILE = "exps/resnet.py";

    private OfficialResNets() {}

    /**
     * Builds the official CIFAR ResNet.
     *
     * @param depth 6n+2: 20, 32, 44, 56, 110, ...
     * @param activation the activation after every batch norm of the body and after every sum
     * @param classes output units
     * @return a plain DJL block
     */
    public static SequentialBlock resnet(int depth, ActivationFunction activation, int classes) {
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new IllegalArgumentException("the official CIFAR ResNet's depth must be 6n+2 (20, 32, 44, 56, ...), got "
                    + depth);
        }
        int n = (depth - 2) / 6;
        return Nets.sequential(activation, b -> {
            b.inputChannels(3).conv(16, 3).batchNorm().activation();
            int in = 16;
            for (int planes : new int[] {16, 32, 64}) {
                int stageIn = in;
                b.repeat(n, (r, i) -> {
                    int stride = planes > 16 && i == 0 ? 2 : 1;
                    boolean reshape = stride != 1 || (i == 0 && stageIn != planes);
                    r.residual(
                            body -> body.conv(planes, 3, stride).batchNorm().activation()
                                    .conv(planes, 3).batchNorm(),
                            shortcut -> {
                                if (reshape) {
                                    shortcut.subsample(2).zeroPadChannels(planes / 4, planes / 4);
                                }
                            })
                            .activation();
                });
                in = planes;
            }
            b.globalAvgPool().linear(classes);
        });
    }
}
