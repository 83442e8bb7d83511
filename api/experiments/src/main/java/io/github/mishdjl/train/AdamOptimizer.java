package io.github.mishdjl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import org.jspecify.annotations.NullMarked;

/**
 * Adam as PyTorch's {@code torch.optim.Adam} (the official notebooks' optimiser) computes it, with its defaults
 * beta1 0.9, beta2 0.999, eps 1e-8 and L2 weight decay added to the gradient: {@code m = b1 m + (1 - b1) g},
 * {@code v = b2 v + (1 - b2) g^2}, {@code w -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)}. Both
 * moments and the step count {@code t} (hence the bias correction) save with the checkpoint.
 */
@NullMarked
public final class AdamOptimizer extends ResumableOptimizer {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final float weightDecay;

    public AdamOptimizer(Tracker learningRate, float weightDecay) {
        super(learningRate);
        this.weightDecay = weightDecay;
    }

    @Override
    protected void apply(String name, int step, float rate, NDArray weight, NDArray grad, List<NDArray> temporaries) {
        NDArray g = decayed(weight, grad, weightDecay, temporaries);
        NDArray m = buffer(name, "m", weight);
        NDArray v = buffer(name, "v", weight);
        NDArray gScaled = g.mul(1 - BETA1);
        temporaries.add(gScaled);
        m.muli(BETA1).addi(gScaled);
        NDArray g2 = g.square().muli(1 - BETA2);
        temporaries.add(g2);
        v.muli(BETA2).addi(g2);
        double correction1 = 1 - Math.pow(BETA1, step);
        double correction2 = 1 - Math.pow(BETA2, step);
        NDArray denominator = v.sqrt().divi((float) Math.sqrt(correction2)).addi(EPSILON);
        temporaries.add(denominator);
        NDArray delta = m.div(denominator).muli((float) (rate / correction1));
        temporaries.add(delta);
        weight.subi(delta);
    }
}
