package io.github.mishdjl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's SGD and Adam against a float64 recomputation of PyTorch's update rules (torch.optim.SGD with
 * momentum and L2 weight decay; torch.optim.Adam with its defaults), under a changing learning rate; and the
 * saved state: stopping after k steps, saving, loading into a fresh optimiser and going on gives bit for bit
 * the weights of the uninterrupted sequence.
 */
class OptimizerTest {

    private static final int SIZE = 50;
    private static final int STEPS = 12;

    static float[][] gradients() {
        Random random = new Random(7);
        float[][] g = new float[STEPS][SIZE];
        for (float[] row : g) {
            for (int i = 0; i < SIZE; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        return g;
    }

    static float[] start() {
        Random random = new Random(3);
        float[] w = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            w[i] = (float) random.nextGaussian();
        }
        return w;
    }

    /** A schedule that changes every step: 0.1 / (1 + step). */
    static final Tracker SCHEDULE = step -> 0.1f / (1 + step);

    static double[] sgdReference(double momentum, double wd) {
        double[] w = new double[SIZE];
        double[] buf = new double[SIZE];
        float[] w0 = start();
        for (int i = 0; i < SIZE; i++) {
            w[i] = w0[i];
        }
        float[][] g = gradients();
        for (int t = 0; t < STEPS; t++) {
            double lr = 0.1 / (1 + t);
            for (int i = 0; i < SIZE; i++) {
                double d = g[t][i] + wd * w[i];
                buf[i] = t == 0 ? d : momentum * buf[i] + d;
                w[i] -= lr * buf[i];
            }
        }
        return w;
    }

    static double[] adamReference(double wd) {
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double[] w = new double[SIZE];
        double[] m = new double[SIZE];
        double[] v = new double[SIZE];
        float[] w0 = start();
        for (int i = 0; i < SIZE; i++) {
            w[i] = w0[i];
        }
        float[][] g = gradients();
        for (int t = 1; t <= STEPS; t++) {
            double lr = 0.1 / t;
            for (int i = 0; i < SIZE; i++) {
                double d = g[t - 1][i] + wd * w[i];
                m[i] = b1 * m[i] + (1 - b1) * d;
                v[i] = b2 * v[i] + (1 - b2) * d * d;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        }
        return w;
    }

    /** Runs steps [from, to) of the gradient sequence on {@code w}. */
    static void run(ResumableOptimizer optimizer, NDManager manager, NDArray w, int from, int to) {
        float[][] g = gradients();
        for (int t = from; t < to; t++) {
            try (NDArray grad = manager.create(g[t])) {
                optimizer.update("w", w, grad);
            }
        }
    }

    static void assertClose(double[] expected, float[] actual, double tolerance) {
        for (int i = 0; i < SIZE; i++) {
            assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])), "element " + i);
        }
    }

    @Test
    void sgdFollowsPyTorchsRule() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(start());
            run(new SgdOptimizer(SCHEDULE, 0.9f, 5e-4f), manager, w, 0, STEPS);
            assertClose(sgdReference(0.9, 5e-4), w.toFloatArray(), 1e-5);
            NDArray plain = manager.create(start());
            run(new SgdOptimizer(SCHEDULE, 0, 0), manager, plain, 0, STEPS);
            assertClose(sgdReference(0, 0), plain.toFloatArray(), 1e-5);
        }
    }

    @Test
    void adamFollowsPyTorchsRule() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(start());
            run(new AdamOptimizer(SCHEDULE, 1e-2f), manager, w, 0, STEPS);
            assertClose(adamReference(1e-2), w.toFloatArray(), 1e-5);
        }
    }

    @Test
    void savedStateContinuesBitForBit(@TempDir Path dir) throws IOException {
        for (boolean adam : new boolean[] {true, false}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray straight = manager.create(start());
                run(adam ? new AdamOptimizer(SCHEDULE, 1e-2f) : new SgdOptimizer(SCHEDULE, 0.9f, 5e-4f), manager,
                        straight, 0, STEPS);

                NDArray interrupted = manager.create(start());
                ResumableOptimizer first = adam ? new AdamOptimizer(SCHEDULE, 1e-2f)
                        : new SgdOptimizer(SCHEDULE, 0.9f, 5e-4f);
                run(first, manager, interrupted, 0, 5);
                Path state = dir.resolve(adam ? "adam" : "sgd");
                java.nio.file.Files.createDirectories(state);
                first.save(state);
                ResumableOptimizer second = adam ? new AdamOptimizer(SCHEDULE, 1e-2f)
                        : new SgdOptimizer(SCHEDULE, 0.9f, 5e-4f);
                second.load(state, manager);
                assertEquals(5, second.steps());
                run(second, manager, interrupted, 5, STEPS);
                assertArrayEquals(straight.toFloatArray(), interrupted.toFloatArray(), adam ? "adam" : "sgd");
                assertEquals(0.1f / STEPS, second.lastLearningRate());
            }
        }
    }

    /**
     * In a real DJL training step the gradients are zero again after {@code trainer.step()}: PyTorch accumulates
     * them, and nothing else in DJL's step clears them (without this, every step would add up all earlier ones).
     */
    @Test
    void gradientsAreZeroAfterEveryStep() {
        trainThreeSteps();
    }

    /**
     * The same from a fresh thread, as a notebook cell runs: libtorch's grad mode is per thread and starts on, and
     * DJL's gradient collector restores the mode it found, so the update must not depend on it.
     */
    @Test
    void stepsWorkFromAFreshThread() throws InterruptedException {
        Throwable[] failure = {null};
        Thread thread = new Thread(() -> {
            try {
                trainThreeSteps();
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        thread.start();
        thread.join();
        if (failure[0] != null) {
            throw new AssertionError("training from a fresh thread failed: " + failure[0], failure[0]);
        }
    }

    static void trainThreeSteps() {
        try (ai.djl.Model model = ai.djl.Model.newInstance("zero")) {
            model.setBlock(ai.djl.nn.core.Linear.builder().setUnits(3).build());
            ResumableOptimizer sgd = new SgdOptimizer(SCHEDULE, 0.9f, 0);
            try (ai.djl.training.Trainer trainer = model.newTrainer(new ai.djl.training.DefaultTrainingConfig(
                    ai.djl.training.loss.Loss.l2Loss()).optOptimizer(sgd))) {
                trainer.initialize(new ai.djl.ndarray.types.Shape(4, 5));
                NDManager manager = trainer.getManager();
                NDArray x = manager.randomNormal(new ai.djl.ndarray.types.Shape(4, 5));
                NDArray y = manager.randomNormal(new ai.djl.ndarray.types.Shape(4, 3));
                for (int step = 0; step < 3; step++) {
                    try (ai.djl.training.GradientCollector collector = trainer.newGradientCollector()) {
                        collector.backward(trainer.getLoss().evaluate(new ai.djl.ndarray.NDList(y),
                                trainer.forward(new ai.djl.ndarray.NDList(x))));
                    }
                    NDArray weight = model.getBlock().getParameters().get(0).getValue().getArray();
                    assertEquals(true, weight.getGradient().abs().sum().getFloat() > 0, "a gradient to apply");
                    trainer.step();
                    assertEquals(0f, weight.getGradient().abs().sum().getFloat(), "zero after step " + step);
                }
                assertEquals(3, sgd.steps());
            }
        }
    }
}
