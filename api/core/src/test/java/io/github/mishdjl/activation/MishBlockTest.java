package io.github.mishdjl.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Mish block inside DJL: SequentialBlock, Trainer, Model.save / Model.load. */
class MishBlockTest {

    private static final int STEPS = 30;

    private static SequentialBlock net(Mish.Impl impl) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(32).build())
                .add(Mish.block(impl))
                .add(Linear.builder().setUnits(32).build())
                .add(Mish.block(impl))
                .add(Linear.builder().setUnits(4).build());
    }

    /** Losses of {@code STEPS} SGD steps on one fixed batch, from the same seeded initial weights. */
    private static List<Float> trajectory(Mish.Impl impl) {
        try (Model model = Model.newInstance("mish-" + impl)) {
            model.setBlock(net(impl));
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optInitializer(new XavierInitializer(), ai.djl.nn.Parameter.Type.WEIGHT)
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.5f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                Engine.getInstance().setRandomSeed(7);
                trainer.initialize(new Shape(64, 8));
                NDManager manager = trainer.getManager();
                Engine.getInstance().setRandomSeed(11);
                NDArray x = manager.randomNormal(new Shape(64, 8)).muli(3); // reaches Mish's curved part
                NDArray y = manager.randomInteger(0, 4, new Shape(64), ai.djl.ndarray.types.DataType.INT32);
                List<Float> losses = new ArrayList<>();
                for (int step = 0; step < STEPS; step++) {
                    try (NDManager batch = manager.newSubManager()) {
                        NDList in = new NDList(x.duplicate());
                        in.attach(batch);
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDList out = trainer.forward(in);
                            NDArray loss = trainer.getLoss().evaluate(new NDList(y), out);
                            collector.backward(loss);
                            losses.add(loss.getFloat());
                        }
                        trainer.step();
                    }
                }
                return losses;
            }
        }
    }

    @Test
    void everyImplementationTrainsAlongTheSameLossTrajectory() {
        List<Float> reference = trajectory(Mish.Impl.AUTOGRAD);
        assertTrue(reference.get(STEPS - 1) < 0.7f * reference.get(0), "the loss falls: " + reference);
        for (Mish.Impl impl : new Mish.Impl[] {Mish.Impl.NATIVE, Mish.Impl.ANALYTIC}) {
            List<Float> losses = trajectory(impl);
            for (int i = 0; i < STEPS; i++) {
                assertEquals(reference.get(i), losses.get(i), 1e-4 * reference.get(i), impl + " step " + i);
            }
        }
    }

    @Test
    void saveAndLoadRoundTrip(@TempDir Path dir) throws Exception {
        float[] before;
        float[] input = new float[2 * 8];
        for (int i = 0; i < input.length; i++) {
            input[i] = (i - 8) / 2f;
        }
        try (Model model = Model.newInstance("mish-net")) {
            model.setBlock(net(Mish.Impl.NATIVE));
            model.getBlock().initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, new Shape(2, 8));
            NDArray x = model.getNDManager().create(input, new Shape(2, 8));
            before = model.getBlock().forward(new ParameterStore(model.getNDManager(), false), new NDList(x), false)
                    .singletonOrThrow().toFloatArray();
            model.save(dir, "mish-net");
        }
        assertTrue(Files.exists(dir.resolve("mish-net-0000.params")));
        try (Model model = Model.newInstance("mish-net")) {
            model.setBlock(net(Mish.Impl.ANALYTIC)); // same function, another implementation
            model.load(dir, "mish-net");
            NDArray x = model.getNDManager().create(input, new Shape(2, 8));
            float[] after = model.getBlock()
                    .forward(new ParameterStore(model.getNDManager(), false), new NDList(x), false)
                    .singletonOrThrow().toFloatArray();
            assertArrayEquals(before, after, 1e-6f);
        }
    }

    @Test
    void blockReportsItsActivationAndKeepsShapes() {
        Block block = Mish.block(Mish.Impl.ANALYTIC);
        assertEquals("Activation(mish:analytic)", block.toString());
        assertEquals("mish:analytic", ((ActivationBlock) block).getActivation().getName());
        Shape[] shapes = {new Shape(3, 4, 5)};
        assertArrayEquals(shapes, block.getOutputShapes(shapes));
        assertTrue(block.getParameters().isEmpty());
    }
}
