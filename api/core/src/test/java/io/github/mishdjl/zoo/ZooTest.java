package io.github.mishdjl.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.github.mishdjl.activation.Activations;
import io.github.mishdjl.nn.ModelSummary;
import io.github.mishdjl.testing.GcPressure;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The zoo's library variants and reconstructions: parameter count against an independent reference, output shape,
 * and a few training steps on a fixed batch that lower the loss, with Mish and with ReLU. The official networks and
 * the notebooks' forms have their own test, {@link OfficialZooTest}.
 */
class ZooTest {

    // Counts from the reference implementations (trainable parameters, 10 classes unless noted):
    // torchvision 0.14.1 (Debian python3-torchvision; scripts/reference-param-counts.py prints them) and
    // Keras applications' published model summaries (1000 classes).
    private static final long TORCHVISION_DENSENET121 = 6_964_106;
    private static final long TORCHVISION_MOBILENET_V2 = 2_236_682;
    private static final long TORCHVISION_INCEPTION_V3_NO_AUX = 21_806_058;
    private static final long TORCHVISION_EFFICIENTNET_B0 = 4_020_358;
    private static final long TORCHVISION_SQUEEZENET1_1 = 727_626;
    private static final long KERAS_XCEPTION_1000_TRAINABLE = 22_855_952;
    private static final long KERAS_INCEPTION_RESNET_V2_1000_TRAINABLE = 55_813_192;

    // Arithmetic of layer shapes: weights, biases, and batch norm's learned scale and shift.
    static long conv(int k, int in, int out, boolean bias) {
        return (long) k * k * in * out + (bias ? out : 0);
    }

    static long conv(int k, int in, int out, int groups) {
        return (long) k * k * (in / groups) * out;
    }

    static long bn(int c) {
        return 2L * c;
    }

    static long linear(int in, int out) {
        return (long) in * out + out;
    }

    static long resnetV1(int n) {
        long total = conv(3, 3, 16, true) + bn(16);
        int in = 16;
        for (int f : new int[] {16, 32, 64}) {
            for (int i = 0; i < n; i++) {
                total += conv(3, in, f, true) + bn(f) + conv(3, f, f, true) + bn(f);
                if (in != f) {
                    total += conv(1, in, f, true);
                }
                in = f;
            }
        }
        return total + linear(64, 10);
    }

    static long resnetV2Bottleneck(int n) {
        long total = conv(3, 3, 16, true) + bn(16);
        int in = 16;
        for (int stage = 0; stage < 3; stage++) {
            int out = stage == 0 ? in * 4 : in * 2;
            for (int i = 0; i < n; i++) {
                int blockIn = i == 0 ? in : out;
                total += (stage == 0 && i == 0 ? 0 : bn(blockIn)) + conv(1, blockIn, in, true)
                        + bn(in) + conv(3, in, in, true) + bn(in) + conv(1, in, out, true);
                if (i == 0) {
                    total += conv(1, in, out, true);
                }
            }
            in = out;
        }
        return total + bn(256) + linear(256, 10);
    }

    static long wrn(int depth, int k) {
        int n = (depth - 4) / 6;
        long total = conv(3, 3, 16, false);
        int in = 16;
        for (int stage = 0; stage < 3; stage++) {
            int width = 16 * k << stage;
            for (int i = 0; i < n; i++) {
                total += bn(in) + conv(3, in, width, false) + bn(width) + conv(3, width, width, false);
                if (in != width) {
                    total += conv(1, in, width, false);
                }
                in = width;
            }
        }
        return total + bn(in) + linear(in, 10);
    }

    static long simpleNet() {
        int[] filters = {64, 128, 128, 128, 128, 128, 256, 256, 256, 512, 2048, 256, 256};
        int[] kernels = {3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1, 1, 3};
        long total = 0;
        int in = 3;
        for (int i = 0; i < filters.length; i++) {
            total += conv(kernels[i], in, filters[i], true) + bn(filters[i]);
            in = filters[i];
        }
        return total + linear(256, 10);
    }

    static long shuffleNetV1() {
        long total = conv(1, 3, 24, false) + bn(24);
        int in = 24;
        int[] widths = {240, 480, 960};
        int[] units = {4, 8, 4};
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < units[s]; i++) {
                int out = i == 0 ? widths[s] - in : widths[s];
                int mid = out / 4;
                int g = in == 24 ? 1 : 3;
                total += conv(1, in, mid, g) + bn(mid) + conv(3, mid, mid, mid) + bn(mid) + conv(1, mid, out, 3) + bn(out);
                in = widths[s];
            }
        }
        return total + linear(960, 10);
    }

    static long capsNet() {
        // conv1 9x9 3->256, primary 9x9 256->256, digit capsule matrices 2048 x 10 x (16 x 8)
        return conv(9, 3, 256, true) + conv(9, 256, 256, true) + 2048L * 10 * 16 * 8;
    }

    static Stream<Object[]> expectedCounts() {
        return Stream.of(
                new Object[] {"resnet20-v2", resnetV2Bottleneck(2)},
                new Object[] {"resnet56-v2", resnetV2Bottleneck(6)},
                new Object[] {"resnet20-v1", resnetV1(3)},
                new Object[] {"resnet56-v1", resnetV1(9)},
                new Object[] {"resnet32-v2", resnetV2Basic(5)},
                new Object[] {"wrn-10-2", wrn(10, 2)},
                new Object[] {"wrn-16-4", wrn(16, 4)},
                new Object[] {"simplenet", simpleNet()},
                new Object[] {"capsnet", capsNet()},
                new Object[] {"shufflenet-v1-kuangliu", shuffleNetV1()},
                new Object[] {"densenet121-torchvision", TORCHVISION_DENSENET121},
                new Object[] {"mobilenet-v2-torchvision", TORCHVISION_MOBILENET_V2},
                new Object[] {"inception-v3-torchvision", TORCHVISION_INCEPTION_V3_NO_AUX},
                new Object[] {"efficientnet-b0-torchvision", TORCHVISION_EFFICIENTNET_B0},
                new Object[] {"squeezenet1.1-torchvision", TORCHVISION_SQUEEZENET1_1},
                // Keras' counts for 1000 classes, less its 1000-class head, plus a 10-class one
                new Object[] {"xception", KERAS_XCEPTION_1000_TRAINABLE - linear(2048, 1000) + linear(2048, 10)},
                new Object[] {"inception-resnet-v2",
                    KERAS_INCEPTION_RESNET_V2_1000_TRAINABLE - linear(1536, 1000) + linear(1536, 10)},
                new Object[] {"six-layer-cnn", conv(3, 3, 32, true) + conv(3, 32, 32, true) + conv(3, 32, 64, true)
                        + conv(3, 64, 64, true) + linear(64 * 8 * 8, 512) + linear(512, 10)},
                new Object[] {"five-layer-cnn", conv(3, 1, 32, true) + conv(3, 32, 64, true) + conv(3, 64, 128, true)
                        + conv(3, 128, 128, true) + linear(128 * 7 * 7, 10)});
    }

    static long resnetV2Basic(int n) {
        long total = conv(3, 3, 16, true);
        int in = 16;
        for (int f : new int[] {16, 32, 64}) {
            for (int i = 0; i < n; i++) {
                total += bn(in) + conv(3, in, f, true) + bn(f) + conv(3, f, f, true);
                if (in != f) {
                    total += conv(1, in, f, true);
                }
                in = f;
            }
        }
        return total + bn(64) + linear(64, 10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedCounts")
    void parameterCountAndOutputShapeMatchTheReference(String name, long expected) {
        Architecture arch = Zoo.get(name);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = arch.build(Activations.get("mish"));
            Shape input = new Shape(2).addAll(arch.getInputShape());
            net.initialize(manager, DataType.FLOAT32, input);
            assertEquals(expected, ModelSummary.trainableParameters(net), name + " trainable parameters");
            NDArray y = net.forward(new ParameterStore(manager, false), new NDList(manager.randomNormal(input)), false)
                    .singletonOrThrow();
            assertEquals(new Shape(2, 10), y.getShape(), name + " output");
            assertTrue(Float.isFinite(y.sum().getFloat()), name + " finite output");
        }
    }

    @Test
    void xceptionAndInceptionResNetV2MatchKerasAtItsOwn1000Classes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block x = Inceptions.xception(Activations.get("relu"), 1000);
            x.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            assertEquals(KERAS_XCEPTION_1000_TRAINABLE, ModelSummary.trainableParameters(x));
            Block irv2 = Inceptions.inceptionResNetV2(Activations.get("relu"), 1000);
            irv2.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            assertEquals(KERAS_INCEPTION_RESNET_V2_1000_TRAINABLE, ModelSummary.trainableParameters(irv2));
        }
    }

    /**
     * The zoo's library variants and reconstructions, the Keras-example ResNet family by two members (the official
     * networks train in {@link OfficialZooTest}).
     */
    static Stream<String> trainable() {
        return Zoo.names().stream()
                .filter(n -> !Zoo.get(n).getSource().isOfficial())
                .filter(n -> !n.startsWith("resnet") || n.equals("resnet20-v2") || n.equals("resnet20-v1"));
    }

    /**
     * A few Adam steps on one fixed batch of 8 lower the loss, with Mish and with ReLU: the mean of the last two
     * steps' losses is below the first's (dropout makes single steps noisy).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("trainable")
    void fewStepsOnAFixedBatchLowerTheLoss(String name) {
        Architecture arch = Zoo.get(name);
        for (String activation : new String[] {"mish", "relu"}) {
            float[] losses = train(arch, activation, 6);
            assertTrue(allFinite(losses), name + " with " + activation + ": loss " + java.util.Arrays.toString(losses));
            float last = (losses[losses.length - 1] + losses[losses.length - 2]) / 2;
            assertTrue(last < losses[0], name + " with " + activation + ": loss " + java.util.Arrays.toString(losses));
        }
    }

    /**
     * Every network of the zoo computes the same gradients whether or not the JVM collects garbage between forward
     * and backward (Inception-ResNet-v2's intermittent NaN loss was its residual scaling's constant, released by DJL
     * before backward read it: see {@code Scalars}). One forward and backward pass in training mode on a fixed batch,
     * from the same seed (weights and dropout masks alike), plainly and under {@link GcPressure}: every parameter's
     * gradient, compared element by element.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyNetwork")
    void garbageCollectionDoesNotChangeTheGradients(String name) {
        Architecture arch = Zoo.get(name);
        java.util.Map<String, float[]> plain = gradients(arch, false);
        java.util.Map<String, float[]> pressed = gradients(arch, true);
        assertEquals(plain.keySet(), pressed.keySet());
        for (var e : plain.entrySet()) {
            float[] a = e.getValue();
            float[] b = pressed.get(e.getKey());
            float scale = 0;
            for (float v : a) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < a.length; i++) {
                assertTrue(Float.isFinite(b[i]) && Math.abs(a[i] - b[i]) <= 1e-5f * Math.max(scale, 1e-12f), name + " "
                        + e.getKey() + "[" + i + "]: " + a[i] + " without a collection, " + b[i] + " with one");
            }
        }
    }

    /** Every parameter's gradient after one forward and backward pass (mish, batch 2, seed 3). */
    private static java.util.Map<String, float[]> gradients(Architecture arch, boolean pressure) {
        java.util.Map<String, float[]> out = new java.util.TreeMap<>();
        try (Model model = Model.newInstance(arch.getName())) {
            model.setBlock(arch.build(Activations.get("mish")));
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(arch.newLoss()))) {
                Shape input = new Shape(2).addAll(arch.getInputShape());
                Engine.getInstance().setRandomSeed(3);
                trainer.initialize(input);
                NDManager manager = trainer.getManager();
                NDArray x = manager.randomNormal(input);
                NDArray y = manager.randomInteger(0, 10, new Shape(2), DataType.INT32);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray l = trainer.getLoss().evaluate(new NDList(y), trainer.forward(new NDList(x)));
                    java.util.List<java.nio.ByteBuffer> held = pressure ? GcPressure.apply() : java.util.List.of();
                    collector.backward(l);
                    java.lang.ref.Reference.reachabilityFence(held);
                }
                for (var p : model.getBlock().getParameters()) {
                    if (p.getValue().requiresGradient()) {
                        out.put(p.getKey(), p.getValue().getArray().getGradient().toFloatArray());
                    }
                }
            }
        }
        return out;
    }

    /**
     * Every zoo network, the deeper ResNets by their 20-layer siblings (the same code, more units);
     * {@code -Dzoo.only=a,b} narrows it while working on one.
     */
    static Stream<String> everyNetwork() {
        String only = System.getProperty("zoo.only", "");
        return Zoo.names().stream().filter(n -> !n.matches("resnet(32|44|56).*"))
                .filter(n -> only.isEmpty() || java.util.List.of(only.split(",")).contains(n));
    }

    static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    static float[] train(Architecture arch, String activation, int steps) {
        return train(arch, activation, 8, steps);
    }

    /** Adam 5e-4 steps on one fixed random batch of {@code batch} examples; the loss of each step. */
    static float[] train(Architecture arch, String activation, int batch, int steps) {
        Loss loss = arch.newLoss();
        try (Model model = Model.newInstance(arch.getName())) {
            model.setBlock(arch.build(Activations.get(activation)));
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(5e-4f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                Shape input = new Shape(batch).addAll(arch.getInputShape());
                Engine.getInstance().setRandomSeed(3);
                trainer.initialize(input);
                NDManager manager = trainer.getManager();
                NDArray x = manager.randomNormal(input);
                NDArray y = manager.randomInteger(0, 10, new Shape(batch), DataType.INT32);
                float[] losses = new float[steps];
                for (int step = 0; step < steps; step++) {
                    try (NDManager scope = manager.newSubManager();
                            GradientCollector collector = trainer.newGradientCollector()) {
                        NDList in = new NDList(x.duplicate());
                        in.attach(scope);
                        NDArray l = trainer.getLoss().evaluate(new NDList(y), trainer.forward(in));
                        collector.backward(l);
                        losses[step] = l.getFloat();
                        trainer.step();
                    }
                }
                return losses;
            }
        }
    }

    @Test
    void badNamesAndDepthsGetClearErrors() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Zoo.get("resnet"));
        assertTrue(unknown.getMessage().contains("known: resnet20-v2"), unknown.getMessage());
        IllegalArgumentException depth = assertThrows(IllegalArgumentException.class, () -> Zoo.get("resnet21-v1"));
        assertTrue(depth.getMessage().contains("6n+2"), depth.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Zoo.get("wrn-11-2"));
    }
}
