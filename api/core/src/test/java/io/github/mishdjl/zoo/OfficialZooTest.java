package io.github.mishdjl.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.mishdjl.activation.ActivationBlock;
import io.github.mishdjl.activation.Activations;
import io.github.mishdjl.nn.Layers;
import io.github.mishdjl.nn.ModelSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The networks of the official repository (digantamisra98/Mish) and the notebooks' exact forms: exact trainable
 * parameter counts, output shapes, the layer facts a count cannot see, and a few training steps that lower the
 * loss with Mish and with ReLU.
 */
class OfficialZooTest {

    // Trainable parameter counts counted from the official code with PyTorch (instantiating the notebooks' own
    // classes, 3x32x32 input; shared/paper/README.md, "The official code"), 10 classes unless noted.
    private static final long SQUEEZENET = 734_986; // Notebooks/cifar-10-squeezenet-mish.ipynb
    private static final long DENSENET121 = 6_956_298; // Notebooks/cifar-10-DenseNet121_Mish.ipynb, 10 classes
    private static final long DENSENET121_AS_RUN_100 = 7_048_548; // the same notebook as run: 100 outputs
    private static final long MOBILENET_V2 = 2_254_090; // Notebooks/cifar-10-mobilenetv2-mish.ipynb
    private static final long SHUFFLENET_V1_G3 = 925_618; // Notebooks/cifar-10-shufflenet-mish.ipynb
    private static final long INCEPTION_V3 = 22_133_738; // Notebooks/cifar-10-inception-v3-mish.ipynb
    private static final long EFFICIENTNET_B0 = 4_020_358; // Notebooks/cifar-10-efficientnet-mish.ipynb, 10 classes
    private static final long EFFICIENTNET_B0_AS_RUN_1000 = 5_288_548; // the same notebook as run: 1,000 outputs
    private static final long RESNET20 = 269_722; // exps/resnet.py
    private static final long RESNET32 = 464_154;
    private static final long RESNET44 = 658_586;
    private static final long RESNET56 = 853_018;
    // Layers_Acc.ipynb (Keras, MNIST 1x28x28): 12 dense blocks, and what each further block adds.
    private static final long DEEP_DENSE_12 = 5_298_580;
    private static final long DEEP_DENSE_PER_BLOCK = 251_500;

    static Stream<Arguments> counts() {
        return Stream.of(
                Arguments.of("squeezenet", SQUEEZENET, 10),
                Arguments.of("densenet121", DENSENET121, 10),
                Arguments.of("densenet121-notebook", DENSENET121_AS_RUN_100, 100),
                Arguments.of("mobilenet-v2", MOBILENET_V2, 10),
                Arguments.of("shufflenet-v1", SHUFFLENET_V1_G3, 10),
                Arguments.of("inception-v3", INCEPTION_V3, 10),
                Arguments.of("efficientnet-b0", EFFICIENTNET_B0, 10),
                Arguments.of("efficientnet-b0-notebook", EFFICIENTNET_B0_AS_RUN_1000, 1000),
                Arguments.of("resnet20", RESNET20, 10),
                Arguments.of("resnet32", RESNET32, 10),
                Arguments.of("resnet44", RESNET44, 10),
                Arguments.of("resnet56", RESNET56, 10),
                Arguments.of("deep-dense-12", DEEP_DENSE_12, 10),
                Arguments.of("deep-dense-22", DEEP_DENSE_12 + 10 * DEEP_DENSE_PER_BLOCK, 10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("counts")
    void parameterCountAndOutputShapeMatchTheOfficialCode(String name, long expected, int classes) {
        Architecture arch = Zoo.get(name);
        assertEquals(classes, arch.getClasses(), name + " classes");
        assertTrue(arch.getSource().isOfficial(), name + " source " + arch.getSource());
        assertTrue(arch.getOfficialFile().isPresent(), name + " official file");
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = arch.build(Activations.get("mish"));
            Shape input = new Shape(2).addAll(arch.getInputShape());
            net.initialize(manager, DataType.FLOAT32, input);
            assertEquals(expected, ModelSummary.trainableParameters(net), name + " trainable parameters");
            NDArray y = net.forward(new ParameterStore(manager, false), new NDList(manager.randomNormal(input)), false)
                    .singletonOrThrow();
            assertEquals(new Shape(2, classes), y.getShape(), name + " output");
            assertTrue(Float.isFinite(y.sum().getFloat()), name + " finite output");
        }
    }

    @Test
    void theActivationDoesNotChangeTheCounts() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String name : new String[] {"squeezenet", "shufflenet-v1", "efficientnet-b0", "resnet20"}) {
                Architecture arch = Zoo.get(name);
                Block relu = arch.build(Activations.get("relu"));
                relu.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(arch.getInputShape()));
                Block mish = arch.build(Activations.get("mish"));
                mish.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(arch.getInputShape()));
                assertEquals(ModelSummary.trainableParameters(mish), ModelSummary.trainableParameters(relu), name);
            }
        }
    }

    /** Official nets and notebook forms; the big ones train on 2 examples for 4 steps to keep the suite quick. */
    static Stream<Arguments> trainable() {
        return Stream.of(
                Arguments.of("squeezenet", 4, 6),
                Arguments.of("densenet121", 2, 4),
                Arguments.of("densenet121-notebook", 2, 4),
                Arguments.of("mobilenet-v2", 4, 6),
                Arguments.of("shufflenet-v1", 4, 6),
                Arguments.of("inception-v3", 2, 4),
                Arguments.of("efficientnet-b0", 4, 6),
                Arguments.of("efficientnet-b0-notebook", 4, 6),
                Arguments.of("resnet20", 4, 6),
                Arguments.of("deep-dense-3", 8, 6));
    }

    /**
     * A few Adam steps on one fixed random batch lower the loss, with Mish and with ReLU: the mean of the last two
     * steps' losses is below the first's (dropout makes single steps noisy).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("trainable")
    void fewStepsOnAFixedBatchLowerTheLoss(String name, int batch, int steps) {
        Architecture arch = Zoo.get(name);
        for (String activation : new String[] {"mish", "relu"}) {
            float[] losses = train(arch, activation, batch, steps);
            float last = (losses[steps - 1] + losses[steps - 2]) / 2;
            assertTrue(last < losses[0], name + " with " + activation + ": loss " + Arrays.toString(losses));
        }
    }

    static float[] train(Architecture arch, String activation, int batch, int steps) {
        return ZooTest.train(arch, activation, batch, steps);
    }

    /** The summary's top-level rows of a net built with Mish for one example. */
    private static List<ModelSummary.Row> rows(NDManager manager, String name) {
        Architecture arch = Zoo.get(name);
        Block net = arch.build(Activations.get("mish"));
        return ModelSummary.of(manager, net, new Shape(1).addAll(arch.getInputShape())).getRows().stream()
                .filter(r -> r.getDepth() == 0).toList();
    }

    private static ModelSummary.Row firstOfType(List<ModelSummary.Row> rows, String type) {
        return rows.stream().filter(r -> r.getType().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void theOfficialResNetShortcutsHaveNoParametersAndPadChannels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = Zoo.get("resnet20").build(Activations.get("relu"));
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            List<Block> residuals = new ArrayList<>();
            collect(net, Layers.ResidualBlock.class, residuals);
            assertEquals(9, residuals.size());
            int padded = 0;
            for (Block residual : residuals) {
                Block shortcut = residual.getChildren().get(1).getValue();
                assertEquals(0, ModelSummary.trainableParameters(shortcut), "shortcut parameters");
                padded += shortcut instanceof SequentialBlock ? 1 : 0;
            }
            assertEquals(2, padded, "option-A shortcuts where a stage starts");
        }
        assertEquals(OfficialResNets.FILE, Zoo.get("resnet110").getOfficialFile().orElseThrow());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Zoo.get("resnet21"));
        assertTrue(bad.getMessage().contains("6n+2"), bad.getMessage());
    }

    @Test
    void efficientNetStemHasStrideTwoAndTheSamePaddingOfTensorFlow() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<ModelSummary.Row> rows = rows(manager, "efficientnet-b0");
            // TF "same" on 32 with a 3x3 stride-2 kernel pads one row and column, at the bottom and right only.
            assertEquals("ZeroPad", rows.get(0).getType());
            assertEquals(new Shape(1, 3, 33, 33), rows.get(0).getOutputShape());
            assertEquals(new Shape(1, 32, 16, 16), firstOfType(rows, "Conv2d").getOutputShape());
            assertEquals(new Shape(1, 1280, 1, 1), rows.stream().filter(r -> r.getOutputShape().dimension() == 4)
                    .reduce((a, b) -> b).orElseThrow().getOutputShape());
        }
    }

    @Test
    void mobileNetStemIsA1x1ConvWithPaddingOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<ModelSummary.Row> rows = rows(manager, "mobilenet-v2");
            assertEquals(new Shape(1, 32, 34, 34), firstOfType(rows, "Conv2d").getOutputShape());
            assertEquals(32L * 3 + 32, firstOfType(rows, "Conv2d").getParameters(), "1x1 stem with bias");
        }
    }

    @Test
    void squeezeNetEndsWithAClassConvolutionAndGlobalAveragePooling() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<ModelSummary.Row> rows = rows(manager, "squeezenet");
            ModelSummary.Row conv10 = rows.get(rows.size() - 2);
            assertEquals("Conv2d", conv10.getType());
            assertEquals(new Shape(1, 10, 4, 4), conv10.getOutputShape());
            assertEquals(new Shape(1, 10), rows.get(rows.size() - 1).getOutputShape());
            assertEquals(3L, rows.stream().filter(r -> r.getType().equals("ResidualBlock")).count(), "simple bypass");
        }
    }

    @Test
    void inceptionAndShuffleNetKeepTheNotebooksResolutions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<ModelSummary.Row> inception = rows(manager, "inception-v3");
            List<Shape> spatial = inception.stream().map(ModelSummary.Row::getOutputShape)
                    .filter(s -> s.dimension() == 4).toList();
            assertTrue(spatial.contains(new Shape(1, 192, 30, 30)), "stem ends valid at 30x30: " + spatial);
            assertTrue(spatial.contains(new Shape(1, 768, 14, 14)), "6a reduces to 14x14: " + spatial);
            assertEquals(new Shape(1, 2048, 6, 6), spatial.get(spatial.size() - 1), "7a reduces to 6x6");
            List<ModelSummary.Row> shuffle = rows(manager, "shufflenet-v1");
            assertEquals(new Shape(1, 24, 32, 32), firstOfType(shuffle, "Conv2d").getOutputShape());
            assertEquals(3L * 3 * 3 * 24 + 24, firstOfType(shuffle, "Conv2d").getParameters(), "3x3 stem with bias");
        }
    }

    @Test
    void denseNetNotebookFormKeepsReluInTheBottlenecks() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<String> intent = activations(Zoo.get("densenet121").build(Activations.get("mish")));
            List<String> asRun = activations(Zoo.get("densenet121-notebook").build(Activations.get("mish")));
            assertEquals(2 * 58 + 1, intent.size(), "two per bottleneck layer, one at the end");
            assertTrue(intent.stream().allMatch(n -> n.startsWith("mish")), intent.toString());
            assertEquals(intent.size(), asRun.size());
            assertTrue(asRun.get(asRun.size() - 1).startsWith("mish"), asRun.toString());
            assertTrue(asRun.subList(0, asRun.size() - 1).stream().allMatch("relu"::equals), asRun.toString());
            List<ModelSummary.Row> rows = rows(manager, "densenet121");
            assertEquals("Conv2d", rows.get(0).getType());
            assertEquals("ConcatBlock", rows.get(1).getType(), "a bare stem convolution: no BN or act");
        }
    }

    @Test
    void deepDenseFollowsLayersAccWithTheFiguresDepths() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<ModelSummary.Row> rows = rows(manager, "deep-dense-12");
            assertTrue(rows.stream().anyMatch(r -> r.getOutputShape().equals(new Shape(1, 5000))), "flatten to 5000");
            assertEquals(12L, rows.stream().filter(r -> r.getType().equals("BatchNorm")).count());
        }
        assertEquals(OfficialDeepDense.FILE, Zoo.get("deep-dense-22").getOfficialFile().orElseThrow());
        assertTrue(Zoo.get("deep-dense-12").getReference().contains("15 to 25"));
    }

    @Test
    void everyArchitectureHasASourceAndOnlyOfficialOnesAFile() {
        for (String name : Zoo.names()) {
            Architecture arch = Zoo.get(name);
            assertEquals(arch.getSource().isOfficial(), arch.getOfficialFile().isPresent(), name);
            assertFalse(arch.getSource().getDescription().isBlank(), name);
        }
        assertEquals(Source.OFFICIAL, Zoo.get(Zoo.TABLE_1).getSource());
        for (String name : List.of("densenet121", "mobilenet-v2", "shufflenet-v1", "inception-v3", "efficientnet-b0")) {
            assertEquals(Source.OFFICIAL, Zoo.get(name).getSource(), name);
            assertTrue(Zoo.TABLE_2.contains(name), name);
        }
        for (String name : List.of("resnet20-v2", "wrn-10-2", "simplenet", "xception", "capsnet",
                "inception-resnet-v2")) {
            assertTrue(Zoo.get(name).isReconstructed(), name);
        }
        for (String name : Zoo.NOTEBOOK_FORMS) {
            assertEquals(Source.OFFICIAL_AS_RUN, Zoo.get(name).getSource(), name);
            assertTrue(Zoo.get(name).getReference().contains("the paper"), name + " says why it differs");
        }
        for (String name : Zoo.LIBRARY_VARIANTS) {
            assertEquals(Source.LIBRARY, Zoo.get(name).getSource(), name);
        }
        assertEquals(Source.LIBRARY, Zoo.get("resnet20-v1").getSource());
        assertEquals("official-as-run", Source.OFFICIAL_AS_RUN.getLabel());
    }

    private static void collect(Block block, Class<?> type, List<Block> found) {
        for (Pair<String, Block> child : block.getChildren()) {
            if (type.isInstance(child.getValue())) {
                found.add(child.getValue());
            }
            collect(child.getValue(), type, found);
        }
    }

    private static List<String> activations(Block block) {
        List<String> names = new ArrayList<>();
        for (Pair<String, Block> child : block.getChildren()) {
            if (child.getValue() instanceof ActivationBlock) {
                names.add(((ActivationBlock) child.getValue()).getActivation().getName());
            } else {
                names.addAll(activations(child.getValue()));
            }
        }
        return names;
    }
}
