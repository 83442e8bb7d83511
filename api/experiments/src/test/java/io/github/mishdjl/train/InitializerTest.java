package io.github.mishdjl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.PairList;
import io.github.mishdjl.data.Augmentation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The protocol's initialiser reaches every weight that has DJL's default, and only those: PyTorch's default
 * {@code U(+-1/sqrt(fan_in))} on a 400 -> 300 dense layer (checked by its range and its standard deviation,
 * {@code 1/sqrt(3 fan_in)}), while a layer with an initialiser of its own keeps it.
 */
class InitializerTest {

    /** A block with one weight that chose its own initialiser (as the capsule routing weights do). */
    static final class OwnInit extends AbstractBlock {
        OwnInit() {
            addParameter(Parameter.builder().setName("own").setType(Parameter.Type.WEIGHT).optShape(new Shape(4))
                    .optInitializer(new ConstantInitializer(0.5f)).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            return inputs;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }

    static Protocol protocol(String init) {
        return new Protocol("cifar10", 1, 8, "adam", 1e-3, 0, 0, "none", List.of(), Augmentation.NONE, 1, 1, 0.5, 0.5,
                0, init);
    }

    @Test
    void pytorchDefaultReachesDefaultWeightsOnly() {
        try (Model model = Model.newInstance("init")) {
            OwnInit own = new OwnInit();
            model.setBlock(new SequentialBlock().add(Linear.builder().setUnits(300).build()).add(own));
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
            try (Trainer trainer = model.newTrainer(TrainingRun.config(protocol("pytorch_default"),
                    Loss.softmaxCrossEntropyLoss(), adam, new Device[] {Device.cpu()}))) {
                trainer.initialize(new Shape(2, 400));
                NDArray weight = model.getBlock().getParameters().get(0).getValue().getArray();
                assertEquals(new Shape(300, 400), weight.getShape());
                double bound = 1 / Math.sqrt(400);
                assertTrue(weight.abs().max().getFloat() <= bound + 1e-7, "within +-1/sqrt(fan_in)");
                assertTrue(weight.abs().max().getFloat() > 0.99 * bound, "fills the range");
                double std = Math.sqrt(weight.pow(2).mean().getFloat());
                assertEquals(bound / Math.sqrt(3), std, 0.01 * bound, "uniform's standard deviation");
                NDArray ownValue = own.getParameters().get(0).getValue().getArray();
                assertEquals(0.5f, ownValue.min().getFloat());
                assertEquals(0.5f, ownValue.max().getFloat());
            }
        }
    }

    @Test
    void unknownInitialiserIsRejectedWhenTheProtocolIsMade() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> protocol("kaiming_magic"));
        assertTrue(e.getMessage().contains("kaiming_magic") && e.getMessage().contains("pytorch_default"),
                e.getMessage());
    }
}
