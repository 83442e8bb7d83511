package io.github.mishdjl.experiment;

import io.github.mishdjl.train.Protocol;
import io.github.mishdjl.train.RunSpec;
import io.github.mishdjl.zoo.Zoo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.NullMarked;

/**
 * The named grids. Each trains the official networks where the official code has them, with the protocol the
 * official code records ({@link RecordedProtocols} says, for any run, which parts are recorded and which are our
 * choice):
 *
 * <ul>
 *   <li>{@code quick}: the README's main job, a real comparison on CIFAR-10 in under 15 minutes on 2 CPU cores
 *       (a reduced budget, said so in its report);
 *   <li>{@code paper}: Table 2, the 11 architectures with Mish, Swish and ReLU;
 *   <li>{@code table1}: Table 1, the official SqueezeNet with the 13 activations, 23 seeds;
 *   <li>{@code resnet}: the official 2020 ResNet-20/32/44/56 experiments (SGD, 200 epochs);
 *   <li>{@code fig5a}: Fig. 5a, accuracy against depth on MNIST as the official notebook ran it;
 *   <li>{@code smoke}: a minute-long end-to-end check;
 *   <li>{@code table2-cpu}, {@code table1-cpu}, {@code fig5a-cpu}, {@code fig5b-cpu}: the notebooks' experiments
 *       at the budget this project spends on a 2-core CPU (about 8.2, 3.4, 10 and 1.8-2.1 hours per noise level), each
 *       reduced from the paper's and said so. {@code fig5b-cpu} is one noise level per grid: the command line's
 *       {@code --input-noise} sets it, and each level has a results folder of its own; {@code fig5c-cpu} likewise
 *       one initialiser per grid ({@code --initializer}); {@code fig2b-cpu} (notebook 8) Mish, Swish and the four
 *       candidates of the paper's search for Mish on the six-layer CNN, under Fig. 5c's Glorot-uniform protocol.
 * </ul>
 */
@NullMarked
public final class Presets {

    /** The activations of Table 2. */
    public static final List<String> TABLE_2_ACTIVATIONS = List.of("mish", "swish", "relu");
    /** Fig. 2b's: Mish (the baseline), Swish and the candidates of the paper's search for Mish. */
    public static final List<String> FIG_2B_ACTIVATIONS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("mish", "swish"),
            io.github.mishdjl.activation.Activations.PAPER_CANDIDATES.stream()).toList();
    /** The activations of Table 1 (Mish first: the baseline of the significance tests). */
    public static final List<String> TABLE_1_ACTIVATIONS = List.of("mish", "swish", "gelu", "relu", "elu:1",
            "leaky_relu:0.3", "selu", "softplus", "rrelu", "relu6", "celu:1", "tanh", "sigmoid");
    /** Fig. 5a's depths: N dense blocks, N = 12..22 (the paper's figure labels them N + 3 = 15..25 layers). */
    public static final List<Integer> FIG_5A_BLOCKS = List.of(12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22);

    /**
     * Fig. 5a's depths at the notebooks' CPU budget: every other one, N = 12, 14, .., 22, in the order they run.
     * The shallowest and the deepest come first: notebook 5 tests the figure's claims on those two, so both claims
     * are testable after a third of the grid (about 3.4 of its 10 CPU-hours) rather than at its end; the middle
     * depths, which shape the curve, follow.
     */
    public static final List<Integer> FIG_5A_CPU_BLOCKS = List.of(12, 22, 16, 18, 14, 20);

    /**
     * The standard deviation of MNIST's training pixels on [0, 1] (0.30811 over all 60,000 images), by which
     * PyTorch's MNIST example standardises its inputs.
     */
    public static final double MNIST_PIXEL_STD = 0.3081;

    /**
     * Fig. 5b's noise levels at the notebooks' CPU budget, as standard deviations on our pixels in [0, 1]: the
     * repository plot's levels 2, 4 and 6 (Observations/noise.png spans 0 to 8; its curves part from 2 on, and we
     * take every other level there) read as standard deviations on standardised pixels, times
     * {@link #MNIST_PIXEL_STD}. That scale is our guess, the plot records none; it fits what we measured: noise of SD
     * 2 on [0, 1] pixels (the plot's 6.5 on this reading) held every activation near 55%, as the plot's curves are at
     * 6, not at 2. One {@code fig5b-cpu} grid each ({@code notebooks/results/run-plan}).
     */
    public static final List<Double> FIG_5B_CPU_NOISE = List.of(0.616, 1.232, 1.849);

    /**
     * Fig. 5b's levels run before the plot's scale was matched (SD 2 on [0, 1] pixels, the plot's 6.5): kept and shown
     * beside the others, outside the claims' family, which was fixed by {@link #FIG_5B_CPU_NOISE}.
     */
    public static final List<Double> FIG_5B_CPU_EARLIER_NOISE = List.of(2.0);

    /** A Fig. 5b noise level on [0, 1] pixels on the repository plot's scale (standardised pixels; our guess). */
    public static double fig5bPlotScale(double noiseOnUnitPixels) {
        return noiseOnUnitPixels / MNIST_PIXEL_STD;
    }

    /**
     * Fig. 5c's initialisers at the notebooks' CPU budget (the paper names Glorot, LeCun-normal, He-uniform and more;
     * these are the ones {@link io.github.mishdjl.nn.Initializers} has): one {@code fig5c-cpu} grid each.
     */
    public static final List<String> FIG_5C_CPU_INITIALIZERS = List.of("glorot_uniform", "glorot_normal",
            "lecun_normal", "he_uniform", "he_normal");

    /**
     * The results folder of one noise level of a grid, {@code presetFolder/noise-SD} (e.g. {@code noise-2}): a folder
     * holds one protocol per network, so each level of Fig. 5b is its own folder. {@code ./mish compare
     * --input-noise}, {@code notebooks/results/run-plan} and notebook 5 all use this spelling.
     */
    public static Path noiseFolder(Path presetFolder, double inputNoise) {
        return presetFolder.resolve("noise-" + RunSpec.plain(inputNoise));
    }

    /** The results folder of one initialiser of a grid, {@code presetFolder/init-NAME} (Fig. 5c; see noiseFolder). */
    public static Path initializerFolder(Path presetFolder, String initializer) {
        return presetFolder.resolve("init-" + initializer);
    }

    public static final List<String> NAMES = List.of("quick", "paper", "table1", "resnet", "fig5a", "smoke",
            "table2-cpu", "table1-cpu", "fig5a-cpu", "fig5b-cpu", "fig5c-cpu", "fig2b-cpu");

    private Presets() {}

    /**
     * Returns a preset grid.
     *
     * @param name one of {@link #NAMES}
     * @return the grid
     * @throws IllegalArgumentException naming the presets
     */
    public static Grid get(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "quick":
                return quick();
            case "smoke":
                return smoke();
            case "paper":
                return paper();
            case "table1":
                return new Grid("table1: the official SqueezeNet on CIFAR-10 with the 13 activations of Table 1, 23 "
                        + "seeds, 50 epochs (Adam 1e-3, batch 128)", Map.of("squeezenet",
                        RecordedProtocols.TABLE_1.protocol()), TABLE_1_ACTIVATIONS, 23);
            case "resnet":
                return resnet();
            case "fig5a":
                return fig5a();
            case "table2-cpu":
                return table2Cpu();
            case "table1-cpu":
                return new Grid("table1-cpu: the official SqueezeNet on CIFAR-10 with the 13 activations of Table 1, 3 "
                        + "seeds, 1 epoch (reduced from 23 seeds x 50 epochs; Adam 1e-3, batch 128)", Map.of("squeezenet",
                        RecordedProtocols.TABLE_1.protocol().withEpochs(1)), TABLE_1_ACTIVATIONS, 3);
            case "fig5a-cpu":
                return fig5aCpu();
            case "fig5c-cpu":
                return new Grid("fig5c-cpu: the six-layer CNN on CIFAR-10 under each initialiser, Mish and Swish, the "
                        + "notebooks' Adam protocol (our choice), 5 epochs, 2 seeds", Map.of("six-layer-cnn",
                        RecordedProtocols.KERAS_ERA.protocol().withEpochs(5).withInitializer("glorot_uniform")),
                        List.of("mish", "swish"), 2);
            case "fig2b-cpu":
                // Fig. 5c's Glorot-uniform protocol: its Mish and Swish runs of seeds 0 and 1 are these grid's too
                return new Grid("fig2b-cpu: the six-layer CNN on CIFAR-10 with Mish, Swish and the four candidates of "
                        + "the paper's search for Mish, the notebooks' Adam protocol (our choice), 5 epochs, 3 seeds",
                        Map.of("six-layer-cnn", get("fig5c-cpu").protocols().get("six-layer-cnn")),
                        FIG_2B_ACTIVATIONS, 3);
            case "fig5b-cpu":
                return new Grid("fig5b-cpu: the five-layer CNN on MNIST under Gaussian input noise, SGD 0.01, 10 epochs, "
                        + "Mish, Swish and ReLU, 2 seeds", Map.of("five-layer-cnn", fig5bProtocol(0)),
                        TABLE_2_ACTIVATIONS, 2);
            default:
                throw new IllegalArgumentException("Unknown preset '" + name + "'; known: " + String.join(", ", NAMES));
        }
    }

    /** What each preset is, one line each, for {@code --help} and the README. */
    public static String describe(String name) {
        return get(name).name();
    }

    /**
     * The main job: a real comparison on CIFAR-10 that finishes within 15 minutes on a 2-core CPU, download
     * included. The official ResNet-20 (the paper's smallest official network, 0.27M parameters), Mish, Swish and
     * ReLU, 3 paired seeds, one epoch on a class-stratified 40% of the training set with a one-cycle schedule (the
     * schedule that learns the most in one epoch), tested on all 10,000 test images; optimiser, weight decay,
     * augmentation and initialisation as the official ResNet protocol records them. A budget reduced by more than
     * two orders of magnitude, and the report says what such a run can and cannot resolve.
     */
    static Grid quick() {
        Protocol p = quickProtocol();
        return new Grid("quick: the official ResNet-20 on CIFAR-10, 1 epoch on 40% of the training set (reduced from "
                + "200 epochs on all of it), SGD one-cycle, 3 seeds", Map.of("resnet20", p), TABLE_2_ACTIVATIONS, 3);
    }

    static Protocol quickProtocol() {
        Protocol official = RecordedProtocols.RESNET.protocol();
        return new Protocol("cifar10", 1, official.batchSize(), "sgd", official.learningRate(), official.momentum(),
                official.weightDecay(), "onecycle", List.of(), official.augmentation(), 0.4, 1, official.mean(),
                official.std(), 0, official.initializer());
    }

    /** A minute-long end-to-end check: the six-layer CNN, 1 epoch on 5% of CIFAR-10, two activations. */
    static Grid smoke() {
        Protocol p = new Protocol("cifar10", 1, 64, "adam", 1e-3, 0, 0, "none", List.of(),
                io.github.mishdjl.data.Augmentation.NONE, 0.05, 0.1, 0.5, 0.5);
        return new Grid("smoke: six-layer CNN on CIFAR-10 (5% of train, 10% of test), 1 epoch", Map.of("six-layer-cnn",
                p), List.of("mish", "relu"), 1);
    }

    /**
     * Table 2: the official notebooks' protocol (100 epochs, Adam 1e-3, batch 128, flip 0.4 + rotation 30, 0.5 / 0.5)
     * for the networks the official code defines; the Keras-era networks have no official code and only "50
     * epochs, batch 128" recorded, so they get 50 epochs of the notebooks' optimiser and augmentation (our choice).
     */
    static Grid paper() {
        Map<String, Protocol> protocols = new LinkedHashMap<>();
        for (String arch : Zoo.TABLE_2) {
            protocols.put(arch, RecordedProtocols.candidates(arch).contains(RecordedProtocols.NOTEBOOKS)
                    ? RecordedProtocols.NOTEBOOKS.protocol() : RecordedProtocols.KERAS_ERA.protocol());
        }
        return new Grid("paper: Table 2, the 11 architectures on CIFAR-10 with the recorded protocols (100 epochs for "
                + "the official notebooks' networks, 50 for the reconstructed Keras-era ones)", protocols,
                TABLE_2_ACTIVATIONS, 1);
    }

    /** The official 2020 ResNet experiments: ResNet-20/32/44/56, SGD 0.1, 200 epochs, steps at 100 and 150. */
    static Grid resnet() {
        Map<String, Protocol> protocols = new LinkedHashMap<>();
        for (String arch : List.of("resnet20", "resnet32", "resnet44", "resnet56")) {
            protocols.put(arch, RecordedProtocols.RESNET.protocol());
        }
        return new Grid("resnet: the official ResNet-20/32/44/56 on CIFAR-10, 200 epochs of SGD 0.1 (x0.1 at 100 and "
                + "150), crop + flip", protocols, TABLE_2_ACTIVATIONS, 1);
    }

    /** Fig. 5a: N = 12..22 dense blocks on MNIST, plain SGD 0.01, batch 128, 10 epochs, one run each. */
    static Grid fig5a() {
        Map<String, Protocol> protocols = new LinkedHashMap<>();
        for (int blocks : FIG_5A_BLOCKS) {
            protocols.put("deep-dense-" + blocks, RecordedProtocols.FIG_5A.protocol());
        }
        return new Grid("fig5a: accuracy against depth on MNIST (N = 12..22 dense blocks, the figure's 15..25 layers), "
                + "SGD 0.01, 10 epochs", protocols, TABLE_2_ACTIVATIONS, 1);
    }

    /**
     * Table 2 at this project's CPU budget (notebook 03): the two cheapest networks here, 10 epochs on the full
     * training set, Mish, Swish and ReLU, 3 paired seeds. WRN-10-2 is Table 2's cheapest row (a reconstruction: no
     * official code; the official notebooks' optimiser and augmentation, as in {@code paper}); the official ResNet-20
     * is the official code's cheapest CIFAR-10 network (the 2020 experiments and Fig. 4's network) with its recorded
     * protocol, the schedule's steps scaled with the budget (epochs 5 and 7 of 10 for 100 and 150 of 200).
     */
    static Grid table2Cpu() {
        Map<String, Protocol> protocols = new LinkedHashMap<>();
        protocols.put("wrn-10-2", RecordedProtocols.KERAS_ERA.protocol().withEpochs(10));
        protocols.put("resnet20", RecordedProtocols.RESNET.protocol().withEpochs(10));
        return new Grid("table2-cpu: WRN-10-2 (Table 2) and the official ResNet-20 on CIFAR-10, 10 epochs (reduced from "
                + "50 and 200), Mish, Swish and ReLU, 3 seeds", protocols, TABLE_2_ACTIVATIONS, 3);
    }

    /** Fig. 5a at this project's CPU budget (notebook 05): every other depth, the recorded protocol, 2 seeds. */
    static Grid fig5aCpu() {
        Map<String, Protocol> protocols = new LinkedHashMap<>();
        for (int blocks : FIG_5A_CPU_BLOCKS) {
            protocols.put("deep-dense-" + blocks, RecordedProtocols.FIG_5A.protocol());
        }
        return new Grid("fig5a-cpu: accuracy against depth on MNIST (N = 12, 14, .., 22 dense blocks), SGD 0.01, 10 "
                + "epochs, Mish, Swish and ReLU, 2 seeds", protocols, TABLE_2_ACTIVATIONS, 2);
    }

    /**
     * Fig. 5b's protocol at one noise level: the five-layer CNN on MNIST with zero-mean Gaussian noise of this
     * standard deviation (in [0, 1] pixel units) on every training and test input. The official code for Fig. 5b
     * is not published; the paper says "SGD": we take Fig. 5a's recorded optimiser (plain SGD 0.01, batch 128,
     * 10 epochs, MNIST in [0, 1]) and our own noise levels (our choice, stated in every report).
     */
    public static Protocol fig5bProtocol(double noise) {
        return RecordedProtocols.FIG_5A.protocol().withInputNoise(noise);
    }
}
