package io.github.mishdjl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import org.jspecify.annotations.NullMarked;

/**
 * SGD with momentum and L2 weight decay, as PyTorch's {@code torch.optim.SGD} (the official code's optimiser)
 * computes it: {@code g = grad + wd * w}; {@code buf = g} at the first step, then {@code buf = momentum * buf + g};
 * {@code w -= lr * buf}. The learning rate multiplies the step, not the buffer, so a schedule changes the step
 * size at once, as in PyTorch. The momentum buffer saves with the checkpoint.
 */
@NullMarked
public final class SgdOptimizer extends ResumableOptimizer {

    private final float momentum;
    private final float weightDecay;

    public SgdOptimizer(Tracker learningRate, float momentum, float weightDecay) {
        super(learningRate);
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    @Override
    protected void apply(String name, int step, float rate, NDArray weight, NDArray grad, List<NDArray> temporaries) {
        NDArray g = decayed(weight, grad, weightDecay, temporaries);
        NDArray direction = g;
        if (momentum != 0) {
            // Starts at zero, so the first step gives buf = g exactly, as PyTorch's clone does.
            NDArray buf = buffer(name, "momentum", weight);
            buf.muli(momentum).addi(g);
            direction = buf;
        }
        NDArray delta = direction.mul(rate);
        temporaries.add(delta);
        weight.subi(delta);
    }
}
