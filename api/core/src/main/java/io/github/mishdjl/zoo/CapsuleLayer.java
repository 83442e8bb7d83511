package io.github.mishdjl.zoo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * Digit capsules with dynamic routing (Sabour, Frosst and Hinton, NeurIPS 2017): every input capsule i
 * predicts every output capsule j through its own matrix, {@code u_hat(j|i) = W_ij u_i}; routing by agreement
 * (3 iterations) weighs the predictions; the output capsules are squashed. Input (N, inCapsules, inDim),
 * output (N, outCapsules, outDim). Parameters: {@code inCapsules * outCapsules * outDim * inDim}.
 */
@NullMarked
public final class CapsuleLayer extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int inCapsules;
    private final int inDim;
    private final int outCapsules;
    private final int outDim;
    private final int iterations;
    private final Parameter weight;

    /**
     * Creates the layer.
     *
     * @param inCapsules input capsules (2048 for CIFAR's 8x8 grid of 32 primary capsule types)
     * @param inDim their dimension (8)
     * @param outCapsules output capsules, one per class
     * @param outDim their dimension (16)
     * @param iterations routing iterations (3)
     * @throws IllegalArgumentException if any of them is below 1
     */
    public CapsuleLayer(int inCapsules, int inDim, int outCapsules, int outDim, int iterations) {
        super(VERSION);
        int[] sizes = {inCapsules, inDim, outCapsules, outDim, iterations};
        String[] names = {"inCapsules", "inDim", "outCapsules", "outDim", "iterations"};
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 1) {
                throw new IllegalArgumentException("CapsuleLayer: " + names[i] + " must be >= 1, got " + sizes[i]);
            }
        }
        this.inCapsules = inCapsules;
        this.inDim = inDim;
        this.outCapsules = outCapsules;
        this.outDim = outDim;
        this.iterations = iterations;
        this.weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, inCapsules, outCapsules, outDim, inDim))
                .optInitializer(new NormalInitializer(0.01f))
                .build());
    }

    /** {@code s * |s|^2 / (1 + |s|^2) / |s|} along {@code axis}: short vectors shrink to 0, long ones to length 1. */
    static NDArray squash(NDArray s, int axis) {
        NDArray squared = s.square().sum(new int[] {axis}, true);
        NDArray scale = squared.div(squared.add(1f)).div(squared.add(1e-8f).sqrt());
        return s.mul(scale);
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            @Nullable PairList<String, Object> params) {
        NDArray u = inputs.singletonOrThrow();
        Shape shape = u.getShape();
        if (shape.dimension() != 3 || shape.get(1) != inCapsules || shape.get(2) != inDim) {
            throw new IllegalArgumentException("CapsuleLayer expects (N, " + inCapsules + ", " + inDim + "), got "
                    + shape);
        }
        long n = shape.get(0);
        NDArray w = parameterStore.getValue(weight, u.getDevice(), training);
        // (N, in, 1, inDim, 1) against (1, in, out, outDim, inDim): (N, in, out, outDim)
        NDArray uHat = w.matMul(u.reshape(n, inCapsules, 1, inDim, 1)).squeeze(4);
        NDArray logits = u.getManager().zeros(new Shape(n, inCapsules, outCapsules), u.getDataType());
        NDArray v = null;
        for (int r = 0; r < iterations; r++) {
            NDArray c = logits.softmax(2).expandDims(3); // (N, in, out, 1)
            NDArray s = c.mul(uHat).sum(new int[] {1}); // (N, out, outDim)
            v = squash(s, 2);
            if (r < iterations - 1) {
                logits = logits.add(uHat.mul(v.expandDims(1)).sum(new int[] {3}));
            }
        }
        return new NDList(v);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outCapsules, outDim)};
    }
}
