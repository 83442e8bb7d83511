package io.github.mishdjl.zoo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.loss.Loss;
import io.github.mishdjl.activation.ActivationFunction;
import io.github.mishdjl.ndarray.Scalars;
import io.github.mishdjl.nn.Nets;
import org.jspecify.annotations.NullMarked;

/**
 * Capsule Net (Sabour, Frosst and Hinton, NeurIPS 2017) for 32x32 colour images: a 9x9 convolution of 256 with
 * the activation, primary capsules (a strided 9x9 convolution to 32 types of 8-D capsules on an 8x8 grid,
 * squashed), digit capsules with dynamic routing; the output is each class capsule's length, trained with
 * the {@link MarginLoss}. The reconstruction decoder is left out (optional in the paper).
 * 7,992,576 parameters for 10 classes.
 */
@NullMarked
final class CapsuleNet {

    private CapsuleNet() {}

    /** The network: its output (N, classes) is the length of each class capsule. */
    public static SequentialBlock build(ActivationFunction activation, int classes) {
        return Nets.sequential(activation, b -> b.inputChannels(3)
                .conv(256, 9, o -> o.padding(0).bias()).activation()
                .conv(256, 9, o -> o.stride(2).padding(0).bias())
                .lambda("PrimaryCapsules", x -> {
                    long n = x.getShape().get(0);
                    long h = x.getShape().get(2);
                    long w = x.getShape().get(3);
                    // (N, 32 types * 8 dims, H, W) -> (N, 32 * H * W capsules, 8)
                    NDArray caps = x.reshape(n, 32, 8, h, w).transpose(0, 1, 3, 4, 2).reshape(n, 32 * h * w, 8);
                    return CapsuleLayer.squash(caps, 2);
                })
                .add(new CapsuleLayer(32 * 8 * 8, 8, classes, 16, 3))
                .lambda("CapsuleLength", v -> v.square().sum(new int[] {2}).add(1e-8f).sqrt()));
    }

    /**
     * The margin loss: {@code T max(0, 0.9 - |v|)^2 + 0.5 (1 - T) max(0, |v| - 0.1)^2}, summed over classes and
     * averaged over the batch; labels are class indices, predictions capsule lengths.
     */
    public static final class MarginLoss extends Loss {

        public MarginLoss() {
            super("MarginLoss");
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray lengths = predictions.singletonOrThrow();
            NDArray classes = labels.singletonOrThrow();
            long batch = lengths.getShape().get(0);
            if (classes.size() != batch || classes.getShape().dimension() > 2) {
                throw new IllegalArgumentException("MarginLoss needs one class index per example, shape (" + batch
                        + ") or (" + batch + ", 1), got labels of shape " + classes.getShape()
                        + " for capsule lengths of shape " + lengths.getShape());
            }
            // (N, 1) labels flattened first: their one-hot (N, 1, C) would broadcast against (N, C) to (N, N, C)
            NDArray target = classes.reshape(batch).oneHot((int) lengths.getShape().get(1))
                    .toType(lengths.getDataType(), false);
            // constants through Scalars: DJL frees a Number operand that backward still reads
            NDArray present = Scalars.maximum(lengths.neg().add(0.9f), 0).square().mul(target);
            NDArray absent = Scalars.mul(Scalars.maximum(lengths.sub(0.1f), 0).square().mul(target.neg().add(1f)), 0.5);
            return present.add(absent).sum(new int[] {1}).mean();
        }
    }
}
