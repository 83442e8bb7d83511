package io.github.mishdjl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import org.jspecify.annotations.NullMarked;

/**
 * The composite blocks the networks need, as plain DJL blocks: residual sums, concatenations and sums of
 * parallel branches, channel shuffle, squeeze-and-excitation gating.
 */
@NullMarked
public final class Layers {

    private Layers() {}

    /** A residual connection: the sum of a body and a shortcut. A ParallelBlock named for summaries. */
    public static final class ResidualBlock extends ParallelBlock {
        ResidualBlock(Block body, Block shortcut) {
            super(Layers::sumOf, List.of(body, shortcut));
        }
    }

    /** Parallel branches joined by concatenation along channels. */
    public static final class ConcatBlock extends ParallelBlock {
        ConcatBlock(List<Block> branches) {
            super(Layers::concatOf, branches);
        }
    }

    /** Parallel branches joined by an element-wise sum. */
    public static final class SumBlock extends ParallelBlock {
        SumBlock(List<Block> branches) {
            super(Layers::sumOf, branches);
        }
    }

    /** The input times a gate computed from it (squeeze-and-excitation). */
    public static final class GateBlock extends ParallelBlock {
        GateBlock(Block identity, Block gate) {
            super(outputs -> new NDList(outputs.get(0).singletonOrThrow().mul(outputs.get(1).singletonOrThrow())),
                    List.of(identity, gate));
        }
    }

    /** {@code body(x) + shortcut(x)}. */
    public static ResidualBlock residual(Block body, Block shortcut) {
        return new ResidualBlock(body, shortcut);
    }

    /** Element-wise sum of the branches' single outputs (Inception-ResNet merges, generic sums). */
    public static SumBlock sum(List<Block> branches) {
        return new SumBlock(branches);
    }

    /** Concatenation of the branches' single outputs along the channel axis (1): Inception, DenseNet. */
    public static ConcatBlock concat(List<Block> branches) {
        return new ConcatBlock(branches);
    }

    /** The input times a gate computed from it: {@code x * gate(x)}, the gate broadcast over space. */
    public static GateBlock gate(Block identity, Block gate) {
        return new GateBlock(identity, gate);
    }

    /**
     * ShuffleNet's channel shuffle: (N, g*c, H, W) to (N, g, c, H, W), swap the two channel axes, flatten back.
     *
     * @param groups the number of groups, a divisor of the channels
     * @return a parameter-free block
     */
    public static Block channelShuffle(int groups) {
        if (groups < 1) {
            throw new IllegalArgumentException("channelShuffle: groups must be >= 1, got " + groups);
        }
        return LambdaBlock.singleton(x -> {
            Shape s = x.getShape();
            long channels = s.get(1);
            if (s.dimension() != 4 || channels % groups != 0) {
                throw new IllegalArgumentException("channelShuffle(" + groups + ") needs (N, C, H, W) with C divisible by "
                        + groups + ", got " + s);
            }
            return x.reshape(s.get(0), groups, channels / groups, s.get(2), s.get(3))
                    .transpose(0, 2, 1, 3, 4)
                    .reshape(s);
        }, "ChannelShuffle");
    }

    /**
     * Zero padding of the last two axes of (N, C, H, W), each side on its own.
     *
     * @param top rows above
     * @param bottom rows below
     * @param left columns on the left
     * @param right columns on the right
     * @return a parameter-free block
     */
    public static Block zeroPad(int top, int bottom, int left, int right) {
        return LambdaBlock.singleton(x -> {
            requireImages("zeroPad", x);
            // Concatenation rather than NDArray.pad: its axis order differs between engines.
            Shape s = x.getShape();
            NDArray rows = x;
            if (top + bottom > 0) {
                NDList parts = new NDList();
                if (top > 0) {
                    parts.add(x.getManager().zeros(new Shape(s.get(0), s.get(1), top, s.get(3)), x.getDataType()));
                }
                parts.add(x);
                if (bottom > 0) {
                    parts.add(x.getManager().zeros(new Shape(s.get(0), s.get(1), bottom, s.get(3)), x.getDataType()));
                }
                rows = NDArrays.concat(parts, 2);
            }
            if (left + right == 0) {
                return rows;
            }
            Shape r = rows.getShape();
            NDList parts = new NDList();
            if (left > 0) {
                parts.add(x.getManager().zeros(new Shape(r.get(0), r.get(1), r.get(2), left), x.getDataType()));
            }
            parts.add(rows);
            if (right > 0) {
                parts.add(x.getManager().zeros(new Shape(r.get(0), r.get(1), r.get(2), right), x.getDataType()));
            }
            return NDArrays.concat(parts, 3);
        }, "ZeroPad");
    }

    /**
     * Every {@code stride}-th pixel of (N, C, H, W) from the first, on both spatial axes.
     *
     * @param stride the step
     * @return a parameter-free block
     */
    public static Block subsample(int stride) {
        return LambdaBlock.singleton(x -> {
            requireImages("subsample", x);
            return x.get(":, :, ::" + stride + ", ::" + stride);
        }, "Subsample");
    }

    /**
     * Zero channels added before and after those of (N, C, ...).
     *
     * @param before channels placed first
     * @param after channels placed last
     * @return a parameter-free block
     */
    public static Block zeroPadChannels(int before, int after) {
        return LambdaBlock.singleton(x -> {
            Shape s = x.getShape();
            NDList parts = new NDList();
            if (before > 0) {
                parts.add(x.getManager().zeros(channelsShape(s, before), x.getDataType()));
            }
            parts.add(x);
            if (after > 0) {
                parts.add(x.getManager().zeros(channelsShape(s, after), x.getDataType()));
            }
            return parts.size() == 1 ? x : NDArrays.concat(parts, 1);
        }, "ZeroPadChannels");
    }

    /**
     * Average pooling whose averages leave out the zero padding: the padded average divided by the share of real
     * pixels under each window (DJL 0.35.1's PyTorch engine counts the padding whatever its flag says).
     *
     * @param kernel square window
     * @param stride step
     * @param padding zeros on each side
     * @return a parameter-free block
     */
    public static Block avgPoolExcludingPadding(int kernel, int stride, int padding) {
        Shape k = new Shape(kernel, kernel);
        Shape st = new Shape(stride, stride);
        Shape p = new Shape(padding, padding);
        return LambdaBlock.singleton(x -> {
            requireImages("avgPool", x);
            NDArray padded = Pool.avgPool2d(x, k, st, p, false, true);
            if (padding == 0) {
                return padded;
            }
            Shape s = x.getShape();
            NDArray real = Pool.avgPool2d(x.getManager().ones(new Shape(1, 1, s.get(2), s.get(3)), x.getDataType()),
                    k, st, p, false, true);
            return padded.div(real);
        }, "AvgPoolExcludingPadding");
    }

    private static Shape channelsShape(Shape s, long channels) {
        long[] dims = s.getShape().clone();
        dims[1] = channels;
        return new Shape(dims);
    }

    private static void requireImages(String what, NDArray x) {
        if (x.getShape().dimension() != 4) {
            throw new IllegalArgumentException(what + " needs (N, C, H, W), got " + x.getShape());
        }
    }

    /** Reshapes (N, C) to (N, C, 1, 1), so that 1x1 convolutions can follow a global pooling. */
    public static Block toSpatial() {
        return LambdaBlock.singleton(x -> x.reshape(x.getShape().get(0), x.getShape().get(1), 1, 1), "ToSpatial");
    }

    private static NDList concatOf(List<NDList> outputs) {
        NDList heads = new NDList();
        for (NDList out : outputs) {
            heads.add(out.singletonOrThrow());
        }
        return new NDList(NDArrays.concat(heads, 1));
    }

    private static NDList sumOf(List<NDList> outputs) {
        NDArray total = outputs.get(0).singletonOrThrow();
        for (int i = 1; i < outputs.size(); i++) {
            total = total.add(outputs.get(i).singletonOrThrow());
        }
        return new NDList(total);
    }
}
