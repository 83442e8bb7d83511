package io.github.mishdjl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import io.github.mishdjl.activation.ActivationBlock;
import io.github.mishdjl.activation.Activations;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DSL's layers compute what they claim (checked against direct NDArray arithmetic), and fail clearly. */
class NetBuilderTest {

    private NDManager manager;

    @BeforeEach
    void start() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void stop() {
        manager.close();
    }

    private NDArray run(Block block, NDArray x) {
        if (!block.isInitialized()) {
            block.initialize(manager, DataType.FLOAT32, x.getShape());
        }
        return block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
    }

    /** Every activation block in the tree, in order, by name. */
    static List<String> activations(Block block) {
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

    @Test
    void defaultActivationIsSetOnceAndOverridablePerLayer() {
        SequentialBlock net = Nets.sequential("mish", b -> b.inputChannels(3)
                .conv(8, 3).activation()
                .conv(8, 3).activation("leaky_relu:0.3")
                .residual(r -> r.conv(8, 3).activation())
                .globalAvgPool().linear(4));
        assertEquals(List.of("mish:native", "leaky_relu:0.3", "mish:native"), activations(net));
        assertEquals(new Shape(2, 4), run(net, manager.randomNormal(new Shape(2, 3, 16, 16))).getShape());
    }

    @Test
    void theReadmeExampleBuildsAndRuns() {
        SequentialBlock net = Nets.sequential("mish", b -> b
                .inputChannels(3)
                .conv(16, 3).batchNorm().activation()
                .repeat(3, r -> r.residual(body -> body
                        .conv(16, 3).batchNorm().activation()
                        .conv(16, 3).batchNorm()))
                .conv(32, 3, o -> o.stride(2).groups(4))
                .concat(left -> left.conv(16, 1), right -> right.maxPool(3, 1, 1))
                .squeezeExcite(8)
                .globalAvgPool()
                .linear(10));
        ModelSummary summary = ModelSummary.of(manager, net, new Shape(1, 3, 32, 32));
        assertEquals(new Shape(1, 10), summary.getOutputShape());
        // the stem, one per residual body, and the one inside squeeze-and-excitation
        assertEquals(5, Activations.replace(net, name -> name.startsWith("mish"), Activations.get("relu")));
        assertEquals(new Shape(2, 10), run(net, manager.randomNormal(new Shape(2, 3, 32, 32))).getShape());
    }

    @Test
    void convolutionOptionsShapeTheOutput() {
        NDArray x = manager.randomNormal(new Shape(1, 8, 16, 16));
        assertEquals(new Shape(1, 4, 8, 8), run(Nets.sequential("relu", b -> b.conv(4, 3, 2)), x).getShape());
        assertEquals(new Shape(1, 4, 16, 16),
                run(Nets.sequential("relu", b -> b.conv(4, 3, o -> o.dilation(2))), x).getShape());
        assertEquals(new Shape(1, 4, 14, 14),
                run(Nets.sequential("relu", b -> b.conv(4, 3, o -> o.padding(0))), x).getShape());
        SequentialBlock depthwise = Nets.sequential("relu", b -> b.inputChannels(8).depthwiseConv(3, 1));
        run(depthwise, x);
        assertEquals(8 * 9, ModelSummary.trainableParameters(depthwise), "one 3x3 filter per channel");
        SequentialBlock grouped = Nets.sequential("relu", b -> b.inputChannels(8).conv(4, 1, o -> o.groups(2).bias()));
        run(grouped, x);
        assertEquals(8 / 2 * 4 + 4, ModelSummary.trainableParameters(grouped));
    }

    @Test
    void residualAddsTheShortcut() {
        // body: a 1x1 convolution whose weights are all 1 (no bias); shortcut: identity
        SequentialBlock net = Nets.sequential("relu", b -> b.inputChannels(2).residual(r -> r.conv(2, 1)));
        net.setInitializer(Initializer.ONES, Parameter.Type.WEIGHT);
        NDArray x = manager.arange(8f).reshape(1, 2, 2, 2);
        NDArray expected = x.add(x.sum(new int[] {1}, true).repeat(1, 2));
        assertArrayEquals(expected.toFloatArray(), run(net, x).toFloatArray(), 1e-5f);
    }

    @Test
    void concatStacksChannelsAndSumAdds() {
        NDArray x = manager.randomNormal(new Shape(2, 3, 4, 4));
        SequentialBlock concat = Nets.sequential("relu", b -> b.concat(i -> { }, r -> r.activation()));
        NDArray both = run(concat, x);
        assertEquals(new Shape(2, 6, 4, 4), both.getShape());
        assertArrayEquals(Activation.relu(x).toFloatArray(),
                both.get(":, 3:").toFloatArray(), 0f);
        SequentialBlock sum = Nets.sequential("relu", b -> b.sum(i -> { }, r -> r.activation()));
        assertArrayEquals(x.add(Activation.relu(x)).toFloatArray(), run(sum, x).toFloatArray(), 1e-6f);
    }

    @Test
    void channelShuffleInterleavesGroups() {
        NDArray x = manager.arange(6f).reshape(1, 6, 1, 1);
        NDArray y = run(Nets.sequential("relu", b -> b.channelShuffle(2)), x);
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, y.toFloatArray());
    }

    @Test
    void squeezeExciteGatesEachChannel() {
        SequentialBlock net = Nets.sequential("relu", b -> b.inputChannels(4).squeezeExcite(2));
        NDArray x = manager.randomNormal(new Shape(2, 4, 3, 3));
        NDArray y = run(net, x);
        NDArray ratio = y.div(x); // the gate, constant over space, in (0, 1)
        float[] r = ratio.toFloatArray();
        for (float v : r) {
            assertTrue(v > 0 && v < 1, "gate " + v);
        }
        assertArrayEquals(ratio.get(":, :, 0, 0").toFloatArray(), ratio.get(":, :, 2, 1").toFloatArray(), 1e-5f);
        assertEquals(4 * 2 + 2 + 2 * 4 + 4, ModelSummary.trainableParameters(net));
    }

    @Test
    void zeroPadPadsEachSideOnItsOwn() {
        NDArray x = manager.ones(new Shape(1, 2, 2, 3));
        NDArray y = run(Nets.sequential("relu", b -> b.zeroPad(0, 1, 2, 0)), x);
        assertEquals(new Shape(1, 2, 3, 5), y.getShape());
        // TF "same" puts the odd pixel at the bottom and right: here no top row, one bottom row, two left columns.
        assertArrayEquals(new float[] {0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0}, y.get("0, 1").toFloatArray());
        assertEquals(x.sum().getFloat(), y.sum().getFloat());
        assertThrows(IllegalArgumentException.class, () -> Nets.sequential("relu", b -> b.zeroPad(-1, 0, 0, 0)));
    }

    @Test
    void subsampleAndZeroPadChannelsMakeTheOptionAShortcut() {
        NDArray x = manager.arange(32f).reshape(1, 2, 4, 4);
        SequentialBlock net = Nets.sequential("relu", b -> b.inputChannels(2).subsample(2).zeroPadChannels(1, 2));
        NDArray y = run(net, x);
        assertEquals(new Shape(1, 5, 2, 2), y.getShape());
        assertArrayEquals(new float[] {0, 2, 8, 10}, y.get("0, 1").toFloatArray(), "x[:, :, ::2, ::2] of channel 0");
        assertArrayEquals(new float[] {16, 18, 24, 26}, y.get("0, 2").toFloatArray());
        assertEquals(0f, y.get("0, 0").abs().sum().getFloat());
        assertEquals(0f, y.get("0, 3:").abs().sum().getFloat());
        assertEquals(0, ModelSummary.trainableParameters(net));
        NetBuilder builder = Nets.builder("relu").inputChannels(16).zeroPadChannels(8, 8);
        assertEquals(32, builder.getChannels(), "the channel count follows");
    }

    @Test
    void avgPoolCanCountItsPaddingAsPyTorchDoes() {
        NDArray x = manager.ones(new Shape(1, 1, 2, 2));
        NDArray counted = run(Nets.sequential("relu", b -> b.avgPool(3, 1, 1, true)), x);
        NDArray skipped = run(Nets.sequential("relu", b -> b.avgPool(3, 1, 1, false)), x);
        assertArrayEquals(new float[] {4 / 9f, 4 / 9f, 4 / 9f, 4 / 9f}, counted.toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {1, 1, 1, 1}, skipped.toFloatArray(), 1e-6f);
        NDArray byDefault = run(Nets.sequential("relu", b -> b.avgPool(3, 1, 1)), x);
        assertArrayEquals(counted.toFloatArray(), byDefault.toFloatArray(), 0f, "PyTorch's default: padding counts");
    }

    @Test
    void batchNormMomentumKeepsThatShareOfTheRunningStatistics() {
        // DJL's convention (as Keras'): running = momentum * running + (1 - momentum) * batch; PyTorch's
        // momentum 0.01 is DJL's 0.99.
        SequentialBlock net = Nets.sequential("relu", b -> b.batchNorm(1e-3f, 0.99f));
        NDArray x = manager.ones(new Shape(4, 3, 2, 2)).mul(5f);
        net.initialize(manager, DataType.FLOAT32, x.getShape());
        net.forward(new ParameterStore(manager, false), new NDList(x), true);
        Parameter mean = net.getParameters().stream().filter(p -> p.getKey().endsWith("runningMean"))
                .findFirst().orElseThrow().getValue();
        assertArrayEquals(new float[] {0.05f, 0.05f, 0.05f}, mean.getArray().toFloatArray(), 1e-5f);
        assertThrows(IllegalArgumentException.class, () -> Nets.sequential("relu", b -> b.batchNorm(1e-3f, 1.5f)));
    }

    @Test
    void invertedResidualKeepsTheShortcutOnlyWhenShapesAllow() {
        SequentialBlock same = Nets.sequential("relu", b -> b.inputChannels(8).invertedResidual(6, 8, 3, 1, 0));
        assertTrue(same.getChildren().get(0).getValue() instanceof ParallelBlock, "identity shortcut");
        SequentialBlock strided = Nets.sequential("relu", b -> b.inputChannels(8).invertedResidual(6, 16, 3, 2, 0));
        assertTrue(strided.getChildren().get(0).getValue() instanceof SequentialBlock, "no shortcut");
        assertEquals(new Shape(1, 16, 4, 4), run(strided, manager.randomNormal(new Shape(1, 8, 8, 8))).getShape());
    }

    @Test
    void repeatPassesTheIndex() {
        List<Integer> seen = new ArrayList<>();
        Nets.sequential("relu", b -> b.repeat(3, (r, i) -> {
            seen.add(i);
            r.linear(2);
        }));
        assertEquals(List.of(0, 1, 2), seen);
    }

    @Test
    void impossibleLayersSayWhichAndWhy() {
        IllegalStateException unknownChannels = assertThrows(IllegalStateException.class,
                () -> Nets.sequential("relu", b -> b.depthwiseConv(3, 1)));
        assertTrue(unknownChannels.getMessage().contains("depthwiseConv"), unknownChannels.getMessage());
        IllegalArgumentException groups = assertThrows(IllegalArgumentException.class,
                () -> Nets.sequential("relu", b -> b.inputChannels(6).conv(8, 3, o -> o.groups(4))));
        assertTrue(groups.getMessage().contains("groups 4") && groups.getMessage().contains("6 input channels"),
                groups.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Nets.sequential("relu", b -> b.dropout(1f)));
        assertThrows(IllegalArgumentException.class, () -> Nets.sequential("nope", b -> { }));
        IllegalArgumentException shuffle = assertThrows(IllegalArgumentException.class,
                () -> Nets.sequential("relu", b -> b.inputChannels(5).channelShuffle(2)));
        assertTrue(shuffle.getMessage().contains("5 channels"), shuffle.getMessage());
        IllegalArgumentException noGroups = assertThrows(IllegalArgumentException.class,
                () -> Nets.sequential("relu", b -> b.inputChannels(4).channelShuffle(0)));
        assertTrue(noGroups.getMessage().contains("groups"), noGroups.getMessage());
        IllegalArgumentException pad = assertThrows(IllegalArgumentException.class,
                () -> Nets.sequential("relu", b -> b.maxPool(3, 2, 2)));
        assertTrue(pad.getMessage().contains("half the kernel"), pad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Nets.sequential("relu", b -> b.avgPool(2, 0)));
        assertThrows(IllegalArgumentException.class, () -> Nets.sequential("relu", b -> b.convRect(8, 0, 7)));
    }

    @Test
    void branchesThatCannotBeJoinedAreRefusedWhenBuilt() {
        // mismatched channels would otherwise fail at the first forward pass, in libtorch, naming no layer
        IllegalArgumentException residual = assertThrows(IllegalArgumentException.class,
                () -> Nets.sequential("relu", b -> b.inputChannels(16).residual(body -> body.conv(32, 3))));
        assertTrue(residual.getMessage().contains("32 channels") && residual.getMessage().contains("gives 16")
                && residual.getMessage().contains("project the shortcut"), residual.getMessage());
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
                () -> Nets.sequential("relu", b -> b.inputChannels(4).sum(x -> x.conv(8, 1), x -> x.conv(6, 1))));
        assertTrue(sum.getMessage().contains("branch 2 ends with 6"), sum.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Nets.sequential("relu", b -> b.sum()));
        assertThrows(IllegalArgumentException.class, () -> Nets.sequential("relu", b -> b.concat()));
        // a projected shortcut that matches passes, and the count after it is the body's
        SequentialBlock ok = Nets.sequential("relu", b -> b.inputChannels(16)
                .residual(body -> body.conv(32, 3, o -> o.stride(2)), s -> s.conv(32, 1, o -> o.stride(2))));
        assertEquals(1, ok.getChildren().size());
    }

    @Test
    void summaryListsLayersShapesAndParameters() {
        SequentialBlock net = Nets.sequential("mish", b -> b.inputChannels(3).conv(4, 3, o -> o.bias()).batchNorm()
                .activation().globalAvgPool().linear(10));
        ModelSummary summary = ModelSummary.of(manager, net, new Shape(1, 3, 8, 8));
        assertEquals(3 * 3 * 3 * 4 + 4 + 2 * 4 + 4 * 10 + 10, summary.getTrainableParameters());
        assertEquals(summary.getTrainableParameters() + 2 * 4, summary.getTotalParameters(), "running statistics");
        assertEquals(new Shape(1, 10), summary.getOutputShape());
        assertEquals(5, summary.getRows().size());
        assertEquals("Activation mish:native", summary.getRows().get(2).getType());
        assertEquals(new Shape(1, 4, 8, 8), summary.getRows().get(1).getOutputShape());
        String text = summary.toString();
        assertTrue(text.contains("Conv2d") && text.contains("(1, 4, 8, 8)") && text.contains("170 trainable"), text);
    }

    @Test
    void replaceSwapsActivationsAnywhereInTheTree() {
        SequentialBlock net = new SequentialBlock()
                .add(Linear.builder().setUnits(4).build())
                .add(Activation.reluBlock())
                .add(Nets.sequential("relu", b -> b.linear(4).activation().sum(x -> { }, y -> y.activation())))
                .add(Activation.tanhBlock());
        int replaced = Activations.replace(net, name -> name.equals("relu"), Activations.get("mish"));
        assertEquals(3, replaced);
        assertEquals(List.of("mish:native", "mish:native", "mish:native"), activations(net));
        NDArray y = run(net, manager.randomNormal(new Shape(2, 3)));
        assertEquals(new Shape(2, 4), y.getShape());
        assertEquals(0, Activations.replace(net, name -> name.equals("gelu"), Activations.get("mish")));
    }

    /**
     * Replacing by function finds every name of it: SiLU is Swish with beta 1 (its blocks say swish:1), Mish is any
     * of its implementations; Swish with beta 1.5 is another function and stays, though its base name is swish.
     */
    @Test
    void replaceByFunctionFindsEveryNameOfIt() {
        SequentialBlock net = new SequentialBlock()
                .add(Linear.builder().setUnits(4).build())
                .add(Activations.block("silu"))
                .add(Activations.block("swish"))
                .add(Activations.block("swish:1.5"))
                .add(io.github.mishdjl.activation.Mish.block(io.github.mishdjl.activation.Mish.Impl.ANALYTIC))
                .add(Activations.block("mish:autograd"))
                .add(Activation.reluBlock());
        assertEquals(2, Activations.replace(net, "silu", Activations.get("relu")));
        // (the helper lists mish-djl blocks: DJL's own ReLU block is not among them until replaced)
        assertEquals(List.of("relu", "relu", "swish:1.5", "mish:analytic", "mish:autograd"), activations(net));
        assertEquals(2, Activations.replace(net, "Mish", Activations.get("gelu")));
        assertEquals(3, Activations.replace(net, "relu", Activations.get("elu")), "DJL's own ReLU block too");
        assertEquals(List.of("elu:1", "elu:1", "swish:1.5", "gelu", "gelu", "elu:1"), activations(net));
        assertEquals(0, Activations.replace(net, "swish", Activations.get("relu")), "swish:1.5 is not swish:1");
        assertEquals(3, Activations.replace(net, "celu:1", Activations.get("relu")), "CELU(1) computes ELU(1)");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Activations.replace(net, "msih", Activations.get("relu")));
        assertTrue(unknown.getMessage().contains("'msih'") && unknown.getMessage().contains("mish"),
                unknown.getMessage());
    }

    /**
     * DJL names swishBlock(beta), eluBlock(alpha) and leakyReluBlock(alpha) by kind only: a DJL Swish block with beta
     * 1.5 is not SiLU, and one with alpha 0.3 is not leaky_relu's default. A spec of their kind is refused before
     * anything changes; selecting by kind replaces them.
     */
    @Test
    void djlBlocksWithUnrecordedParametersAreNotTakenForTheirDefault() {
        SequentialBlock net = new SequentialBlock()
                .add(Linear.builder().setUnits(4).build())
                .add(Activation.swishBlock(1.5f))
                .add(Activations.block("silu"))
                .add(Activation.leakyReluBlock(0.3f))
                .add(Activation.eluBlock(1f))
                .add(Activation.reluBlock());
        for (String spec : List.of("silu", "swish", "leaky_relu:0.3", "leaky_relu", "elu", "celu:1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Activations.replace(net, spec, Activations.get("mish")), spec);
            assertTrue(e.getMessage().contains("nothing was replaced") && e.getMessage().contains("name.startsWith"),
                    e.getMessage());
        }
        assertEquals(List.of("swish:1"), activations(net), "the refused specs changed nothing");
        assertEquals(1, Activations.replace(net, "relu", Activations.get("gelu")), "another kind still goes by spec");
        assertEquals(2, Activations.replace(net, name -> name.equals("swish"), Activations.get("mish")),
                "by kind: DJL's Swish and the SiLU block");
        assertEquals(0, Activations.replace(net, name -> name.equals("leaky_relu:0.3"), Activations.get("mish")),
                "a DJL block's unrecorded parameter matches no full name");
        assertEquals(2, Activations.replace(net, name -> name.startsWith("leaky_relu") || name.startsWith("elu"),
                Activations.get("tanh")));
        assertEquals(List.of("mish:native", "mish:native", "tanh", "tanh", "gelu"), activations(net));
    }

    @Test
    void replaceSaysWhenNothingIsIdentifiable() {
        SequentialBlock anonymous = new SequentialBlock().add(Linear.builder().setUnits(2).build())
                .addSingleton(Activation::relu);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Activations.replace(anonymous, name -> true, Activations.get("mish")));
        assertTrue(e.getMessage().contains("anonymous"), e.getMessage());
    }

    @Test
    void initializersHaveTheirDefiningScale() {
        int in = 400;
        int out = 200;
        double[][] expected = {
            {Math.sqrt(6.0 / (in + out)) / Math.sqrt(3)}, // glorot uniform: U(+-a) has std a / sqrt(3)
            {Math.sqrt(2.0 / (in + out))},
            {Math.sqrt(1.0 / in)},
            {Math.sqrt(6.0 / in) / Math.sqrt(3)},
            {Math.sqrt(2.0 / in)},
            {Math.sqrt(1.0 / in) / Math.sqrt(3)} // PyTorch's default: U(+-1/sqrt(in))
        };
        List<String> names = Initializers.names();
        for (int i = 0; i < names.size(); i++) {
            NDArray w = Initializers.get(names.get(i)).initialize(manager, new Shape(out, in), DataType.FLOAT32);
            double std = Math.sqrt(w.square().mean().getFloat());
            assertEquals(expected[i][0], std, 0.03 * expected[i][0], names.get(i));
        }
        assertThrows(IllegalArgumentException.class, () -> Initializers.get("orthogonal"));
    }
}
