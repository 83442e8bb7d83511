package io.github.mishdjl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mishdjl.data.Augmentation;
import io.github.mishdjl.train.Protocol;
import io.github.mishdjl.train.RunSpec;
import io.github.mishdjl.zoo.Zoo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The presets against the protocols as the paper and its official code record them (values restated here from
 * the official sources, not read back from the code under test), and the reports' wording of what is recorded,
 * what is our choice and what is reduced.
 */
class PresetsTest {

    @Test
    void everyPresetNamesZooNetworksAndValidProtocols() {
        for (String name : Presets.NAMES) {
            Grid grid = Presets.get(name);
            for (String arch : grid.protocols().keySet()) {
                Zoo.get(arch); // throws for an unknown name
            }
            assertFalse(grid.runs().isEmpty());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Presets.get("table3"));
        assertTrue(e.getMessage().contains("table3") && e.getMessage().contains("quick"), e.getMessage());
    }

    /** Fig. 5b at the CPU budget: the five-layer CNN, Fig. 5a's recorded optimiser, 10 epochs, 2 seeds, no noise. */
    @Test
    void fig5bCpuIsTheFiveLayerCnnUnderFig5asOptimiser() throws Exception {
        Grid grid = Presets.get("fig5b-cpu");
        assertEquals(List.of("five-layer-cnn"), List.copyOf(grid.protocols().keySet()));
        assertEquals(List.of("mish", "swish", "relu"), grid.activations());
        assertEquals(2, grid.seeds());
        Protocol p = grid.protocols().get("five-layer-cnn");
        // Layers_Acc.ipynb: plain SGD 0.01 (momentum 0), batch 128, 10 epochs on all of MNIST in [0, 1]
        assertEquals("mnist", p.dataset());
        assertEquals(10, p.epochs());
        assertEquals(128, p.batchSize());
        assertEquals("sgd", p.optimizer());
        assertEquals(0.01, p.learningRate(), 0);
        assertEquals(0, p.momentum(), 0);
        assertEquals(0, p.inputNoise(), 0, "the level comes from --input-noise, one folder per level");
        // the repository plot's 2, 4 and 6 on standardised pixels, on our [0, 1] pixels (to 3 decimals)
        assertEquals(List.of(0.616, 1.232, 1.849), Presets.FIG_5B_CPU_NOISE);
        for (int k = 0; k < 3; k++) {
            assertEquals(2.0 * (k + 1), Presets.fig5bPlotScale(Presets.FIG_5B_CPU_NOISE.get(k)), 0.002);
        }
        assertEquals(6.49, Presets.fig5bPlotScale(Presets.FIG_5B_CPU_EARLIER_NOISE.get(0)), 0.005);
        // the run plan trains the same levels into the folders notebook 5 reads (noise-0.616, ..)
        assertEquals(Path.of("r", "noise-2"), Presets.noiseFolder(Path.of("r"), 2.0));
        assertEquals(Path.of("r", "noise-0.616"), Presets.noiseFolder(Path.of("r"), 0.616));
        assertEquals(Path.of("r", "noise-0.5"), Presets.noiseFolder(Path.of("r"), 0.5));
        assertEquals(Path.of("r", "init-he_normal"), Presets.initializerFolder(Path.of("r"), "he_normal"));
        String plan = Files.readString(Path.of("../../notebooks/results/run-plan"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("fig5b_noise=\\(([^)]*)\\)").matcher(plan);
        assertTrue(m.find(), "run-plan declares fig5b_noise=(...)");
        assertEquals(Presets.FIG_5B_CPU_NOISE.stream().map(v -> Presets.noiseFolder(Path.of("r"), v).getFileName()
                .toString()).toList(), Stream.of(m.group(1).trim().split("\\s+")).map(v -> "noise-" + v).toList());
    }

    /** Fig. 5a at the CPU budget: every other depth of the figure, the official protocol, the extremes run first. */
    @Test
    void fig5aCpuRunsEveryOtherDepthExtremesFirst() {
        Grid grid = Presets.get("fig5a-cpu");
        List<String> archs = List.copyOf(grid.protocols().keySet());
        assertEquals(List.of("deep-dense-12", "deep-dense-14", "deep-dense-16", "deep-dense-18", "deep-dense-20",
                "deep-dense-22"), archs.stream().sorted(java.util.Comparator.comparingInt(
                        a -> Integer.parseInt(a.substring("deep-dense-".length())))).toList());
        // the claims compare N = 12 with N = 22: their 12 runs come before any other depth's
        assertEquals(java.util.Set.of("deep-dense-12", "deep-dense-22"), grid.runs().subList(0, 12).stream()
                .map(RunSpec::architecture).collect(java.util.stream.Collectors.toSet()));
        assertEquals(36, grid.runs().size());
        for (Protocol p : grid.protocols().values()) {
            assertEquals(RecordedProtocols.FIG_5A.protocol(), p);
            // Layers_Acc.ipynb: plain SGD 0.01, batch 128, 10 epochs on all of MNIST
            assertEquals(10, p.epochs());
            assertEquals("sgd", p.optimizer());
            assertEquals(0.01, p.learningRate(), 0);
        }
    }

    /** Fig. 5c at the CPU budget: the six-layer CNN on CIFAR-10, Mish and Swish, 5 epochs, one initialiser per grid. */
    @Test
    void fig5cCpuIsTheSixLayerCnnOnePerInitialiser() throws Exception {
        Grid grid = Presets.get("fig5c-cpu");
        assertEquals(List.of("six-layer-cnn"), List.copyOf(grid.protocols().keySet()));
        assertEquals(List.of("mish", "swish"), grid.activations());
        assertEquals(2, grid.seeds());
        Protocol p = grid.protocols().get("six-layer-cnn");
        assertEquals("cifar10", p.dataset());
        assertEquals(5, p.epochs());
        assertEquals("adam", p.optimizer());
        for (String init : Presets.FIG_5C_CPU_INITIALIZERS) {
            assertTrue(io.github.mishdjl.nn.Initializers.names().contains(init), init + " is a canonical name");
        }
        String plan = Files.readString(Path.of("../../notebooks/results/run-plan"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("fig5c_init=\\(([^)]*)\\)").matcher(plan);
        assertTrue(m.find(), "run-plan declares fig5c_init=(...)");
        assertEquals(Presets.FIG_5C_CPU_INITIALIZERS, List.of(m.group(1).trim().split("\\s+")));
    }

    /**
     * Fig. 2b at the CPU budget: Mish, Swish and the paper's four candidates on the six-layer CNN under Fig. 5c's
     * Glorot-uniform protocol, so its Mish and Swish runs are Fig. 5c's (same ids: training them again must reproduce
     * them exactly).
     */
    @Test
    void fig2bCpuSharesFig5csGlorotUniformRuns() {
        Grid grid = Presets.get("fig2b-cpu");
        assertEquals(List.of("mish", "swish", "atan_softplus", "tanh_softplus", "x_log1p_atan_exp",
                "x_log1p_tanh_exp"), grid.activations());
        assertEquals(3, grid.seeds());
        for (String a : grid.activations()) {
            assertEquals(a, io.github.mishdjl.activation.Activations.spelling(a), "spelled as the registry spells it");
            io.github.mishdjl.activation.Activations.get(a);
        }
        Grid fig5c = Presets.get("fig5c-cpu");
        assertEquals("glorot_uniform", grid.protocols().get("six-layer-cnn").initializer());
        List<String> shared = fig5c.runs().stream().map(io.github.mishdjl.train.RunSpec::id).toList();
        assertTrue(grid.runs().stream().map(io.github.mishdjl.train.RunSpec::id).toList().containsAll(shared),
                "Fig. 5c's Glorot-uniform runs are part of Fig. 2b's grid");
        assertEquals(6 * 3, grid.runs().size());
    }

    @Test
    void notebooksProtocolIsTheRecordedOne() {
        Protocol p = RecordedProtocols.NOTEBOOKS.protocol();
        // Notebooks/cifar-10-*-mish.ipynb: 100 epochs, batch 128, Adam 1e-3, no schedule, no weight decay,
        // RandomHorizontalFlip(0.4) + RandomRotation(30), Normalize(0.5, 0.5), PyTorch's default init.
        assertEquals(new Protocol("cifar10", 100, 128, "adam", 1e-3, 0, 0, "none", List.of(),
                new Augmentation(0, 0.4, 30), 1, 1, 0.5, 0.5, 0, "pytorch_default"), p);
        Grid paper = Presets.get("paper");
        assertEquals(Zoo.TABLE_2, List.copyOf(paper.protocols().keySet()));
        for (String arch : List.of("densenet121", "mobilenet-v2", "shufflenet-v1", "inception-v3", "efficientnet-b0")) {
            assertEquals(p, paper.protocols().get(arch), arch);
            assertTrue(RecordedProtocols.describe(arch, p).startsWith("as recorded in the official PyTorch notebooks"));
        }
        Protocol keras = paper.protocols().get("wrn-10-2");
        assertEquals(50, keras.epochs());
        assertEquals(128, keras.batchSize());
        String text = RecordedProtocols.describe("wrn-10-2", keras);
        assertTrue(text.contains("our choice") && text.contains("optimiser") && text.contains("augmentation"), text);
    }

    @Test
    void table1AndResnetAndFig5aAreTheRecordedOnes() {
        Grid table1 = Presets.get("table1");
        assertEquals(List.of("squeezenet"), List.copyOf(table1.protocols().keySet()));
        assertEquals(23, table1.seeds());
        assertEquals(13, table1.activations().size());
        assertEquals("mish", table1.activations().get(0));
        Protocol t1 = table1.protocols().get("squeezenet");
        assertEquals(50, t1.epochs());
        assertEquals("adam", t1.optimizer());
        assertEquals(1e-3, t1.learningRate());
        assertEquals(128, t1.batchSize());

        // exps/train_cifar.py: SGD 0.1, momentum 0.9, wd 5e-4, MultiStepLR at 100 and 150 of 200, crop 4 + flip.
        Grid resnet = Presets.get("resnet");
        assertEquals(List.of("resnet20", "resnet32", "resnet44", "resnet56"), List.copyOf(resnet.protocols().keySet()));
        assertEquals(new Protocol("cifar10", 200, 128, "sgd", 0.1, 0.9, 5e-4, "step", List.of(100, 150),
                new Augmentation(4, 0.5, 0), 1, 1, 0.5, 0.5, 0, "he_normal"), resnet.protocols().get("resnet20"));

        // Layers_Acc.ipynb: MNIST / 255, SGD(lr 0.01) without momentum, batch 128, 10 epochs, Keras defaults.
        Grid fig5a = Presets.get("fig5a");
        assertEquals(11, fig5a.protocols().size());
        assertTrue(fig5a.protocols().containsKey("deep-dense-12") && fig5a.protocols().containsKey("deep-dense-22"));
        assertEquals(new Protocol("mnist", 10, 128, "sgd", 0.01, 0, 0, "none", List.of(), Augmentation.NONE, 1, 1, 0, 1,
                0, "glorot_uniform"), fig5a.protocols().get("deep-dense-12"));
        assertTrue(RecordedProtocols.describe("deep-dense-12", fig5a.protocols().get("deep-dense-12"))
                .startsWith("as recorded in the official Fig. 5a notebook"));
    }

    @Test
    void quickIsAReducedOfficialResnetRunOnCifar10AndSaysSo() {
        Grid quick = Presets.get("quick");
        Protocol p = quick.protocols().get("resnet20");
        assertEquals("cifar10", p.dataset());
        assertEquals(List.of("mish", "swish", "relu"), quick.activations());
        assertTrue(quick.seeds() >= 2, "paired seeds for a t-test");
        String text = RecordedProtocols.describe("resnet20", p);
        assertTrue(text.startsWith("the official 2020 ResNet experiments, except: ") && text.contains(p.epochs()
                + (p.epochs() == 1 ? " epoch" : " epochs") + " instead of 200 (reduced budget)") && text.contains("onecycle schedule instead of x0.1 at "
                + "epochs [100, 150]") && text.contains("ImageNet"), text);
    }

    @Test
    void differencesNameEveryDeparture() {
        Protocol recorded = RecordedProtocols.NOTEBOOKS.protocol();
        Protocol changed = recorded.withEpochs(10).withFractions(0.5, 0.25).withDataset("fashion-mnist")
                .withInputNoise(0.3).withInitializer("he_normal");
        List<String> d = RecordedProtocols.differences(RecordedProtocols.NOTEBOOKS, changed);
        String all = String.join("; ", d);
        assertEquals(6, d.size(), all);
        assertTrue(all.contains("fashion-mnist instead of cifar10") && all.contains("10 epochs instead of 100 (reduced "
                + "budget)") && all.contains("50% of the training set (reduced)") && all.contains("tested on 25% of the "
                + "test set") && all.contains("input noise 0.3") && all.contains("he_normal initialisation instead of "
                + "pytorch_default"), all);
        assertTrue(RecordedProtocols.describe("six-layer-cnn", recorded).contains("all of it is our choice"));
    }

    @Test
    void everyPresetsNetworksFitTheirDataset() {
        // the check `compare` makes before any fetch must pass every shipped preset, and refuse a real mismatch
        for (String name : Presets.NAMES) {
            for (var entry : Presets.get(name).protocols().entrySet()) {
                String dataset = entry.getValue().dataset();
                assertEquals(java.util.Optional.empty(), io.github.mishdjl.data.BatchLoader.mismatch(dataset,
                        io.github.mishdjl.data.Datasets.imageShape(dataset), Zoo.get(entry.getKey()).getInputShape()),
                        name + ": " + entry.getKey());
            }
        }
        assertTrue(io.github.mishdjl.data.BatchLoader.mismatch("cifar10", io.github.mishdjl.data.Datasets.imageShape(
                "cifar10"), Zoo.get("five-layer-cnn").getInputShape()).isPresent());
        assertTrue(io.github.mishdjl.data.BatchLoader.mismatch("mnist", io.github.mishdjl.data.Datasets.imageShape(
                "mnist"), Zoo.get("resnet20").getInputShape()).isEmpty(), "gray 28x28 is repeated and padded to 3x32x32");
    }
}
