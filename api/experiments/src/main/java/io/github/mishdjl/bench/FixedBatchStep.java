package io.github.mishdjl.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import org.jspecify.annotations.NullMarked;

/**
 * One optimiser step on a fixed batch, as training takes it (forward with the labels, loss, backward, update), for
 * the measurements that time or weigh a step: {@link TrainBenchmark} and the memory check before training. Every
 * array the step makes, the input's copy included, is closed with it, so repeated steps measure the same work.
 */
@NullMarked
public final class FixedBatchStep {

    private FixedBatchStep() {}

    /**
     * Takes one step.
     *
     * @param trainer an initialised trainer
     * @param x the batch's inputs (left open; a copy is what the step consumes)
     * @param y the batch's labels
     */
    public static void take(Trainer trainer, NDArray x, NDArray y) {
        try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray in = x.duplicate();
            in.attach(scope);
            NDArray label = y.duplicate(); // the loss derives arrays from it (the int64 cast), closed with the step
            label.attach(scope);
            NDList labels = new NDList(label);
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList out = trainer.forward(new NDList(in), labels);
                NDArray loss = trainer.getLoss().evaluate(labels, out);
                collector.backward(loss);
                loss.attach(scope);
                out.attach(scope);
            }
            trainer.step();
        }
    }
}
