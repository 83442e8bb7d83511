package io.github.mishdjl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
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
    public static ParallelBlock residual(Block body, Block shortcut) {
        return new ResidualBlock(body, shortcut);
    }

    /** Element-wise sum of the branches' single outputs (Inception-ResNet merges, generic sums). */
    public static ParallelBlock sum(List<Block> branches) {
        return new SumBlock(branches);
    }

    /** Concatenation of the branches' single outputs along the channel axis (1): Inception, DenseNet. */
    public static ParallelBlock concat(List<Block> branches) {
        return new ConcatBlock(branches);
    }

    /** The input times a gate computed from it: {@code x * gate(x)}, the gate broadcast over space. */
    public static ParallelBlock gate(Block identity, Block gate) {
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
