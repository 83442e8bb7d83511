package io.github.mishdjl.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.github.mishdjl.activation.Activations;
import io.github.mishdjl.zoo.Architecture;
import io.github.mishdjl.zoo.Zoo;
import org.junit.jupiter.api.Test;

/**
 * A measured step leaves nothing behind: repeated steps on one batch keep the number of live arrays constant, in the
 * trainer's managers and in the batch's, and the batch stays usable (the step works on copies).
 */
class FixedBatchStepTest {

    @Test
    void repeatedStepsKeepTheLiveArraysConstantAndTheBatchIntact() {
        Architecture arch = Zoo.get("five-layer-cnn");
        try (Model model = Model.newInstance("step"); NDManager data = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            model.setBlock(arch.build(Activations.get("mish")));
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).build()))) {
                trainer.initialize(new Shape(4).addAll(arch.getInputShape()));
                NDArray x = data.randomNormal(new Shape(4).addAll(arch.getInputShape()));
                NDArray y = data.randomInteger(0, arch.getClasses(), new Shape(4), DataType.INT32);
                float[] before = x.toFloatArray();
                FixedBatchStep.take(trainer, x, y); // gradients appear here
                int batchArrays = ((ai.djl.ndarray.BaseNDManager) data).getManagedArrays().size();
                int modelArrays = ((ai.djl.ndarray.BaseNDManager) trainer.getManager().getParentManager())
                        .getManagedArrays().size();
                float firstWeight = model.getBlock().getParameters().valueAt(0).getArray().getFloat(0, 0, 0, 0);
                for (int i = 0; i < 5; i++) {
                    FixedBatchStep.take(trainer, x, y);
                }
                assertEquals(batchArrays, ((ai.djl.ndarray.BaseNDManager) data).getManagedArrays().size(),
                        "arrays left in the batch's manager (the loss casts the labels: its copies must go with the "
                                + "step)");
                assertEquals(modelArrays, ((ai.djl.ndarray.BaseNDManager) trainer.getManager().getParentManager())
                        .getManagedArrays().size(), "arrays left under the model's manager");
                assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(x.toFloatArray()));
                assertEquals(4, y.toIntArray().length);
                assertNotEquals(firstWeight, model.getBlock().getParameters().valueAt(0).getArray()
                        .getFloat(0, 0, 0, 0), "the steps trained");
            }
        }
    }
}
