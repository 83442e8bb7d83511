package io.github.mishdjl.zoo;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import io.github.mishdjl.activation.ActivationFunction;
import io.github.mishdjl.activation.Activations;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.NullMarked;

/**
 * The networks of the Mish paper, each with a pluggable activation: the 11 CIFAR-10 architectures of its Table 2,
 * SqueezeNet (Table 1), the ablation networks (Fig. 2, 5a, 5b, 5c) and the official CIFAR ResNets. Where the
 * official repository has code, the plain name is that code's network ({@link Source#OFFICIAL}); the notebooks'
 * exact forms where they deviate from the paper carry {@code -notebook} ({@link Source#OFFICIAL_AS_RUN}); library
 * layouts keep a suffix naming the library ({@code -torchvision}, {@code -kuangliu}, the Keras example's
 * {@code resnetD-v1}); the Keras-era nets without official code are reconstructions. Every factory returns a plain
 * DJL block; {@link #get(String)} finds one by name.
 *
 * <pre>{@code
 * Block net = Zoo.resnetV2(20, Activations.get("mish"));
 * Block same = Zoo.get("resnet20-v2").build(Activations.get("mish"));
 * Architecture official = Zoo.get("densenet121"); // official.getSource() == Source.OFFICIAL
 * }</pre>
 *
 * <p>Networks of your own join by name through {@link #register(Architecture)}, and then train, compare and report
 * like the built-in ones.
 */
@NullMarked
public final class Zoo {

    private static final Shape CIFAR = new Shape(3, 32, 32);
    private static final Shape MNIST = new Shape(1, 28, 28);
    private static final Pattern RESNET = Pattern.compile("resnet(\\d+)-v([12])");
    private static final Pattern OFFICIAL_RESNET = Pattern.compile("resnet(\\d+)");
    private static final Pattern WRN = Pattern.compile("wrn-(\\d+)-(\\d+)");
    private static final Pattern DEEP_DENSE = Pattern.compile("deep-dense-(\\d+)");
    private static final Pattern VALID_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]*");
    private static final Map<String, Architecture> FIXED = new LinkedHashMap<>();
    private static final Map<String, Architecture> REGISTERED = new ConcurrentHashMap<>();

    /**
     * The 11 architectures of the paper's Table 2, in its order: the official notebooks' networks where the code
     * exists (DenseNet-121 to EfficientNet-B0), reconstructions of the Keras-era rest.
     */
    public static final List<String> TABLE_2 = List.of("resnet20-v2", "wrn-10-2", "simplenet", "xception",
            "capsnet", "inception-resnet-v2", "densenet121", "mobilenet-v2", "shufflenet-v1", "inception-v3",
            "efficientnet-b0");

    /** The network of the paper's Table 1 (the official notebook's SqueezeNet). */
    public static final String TABLE_1 = "squeezenet";

    /** The official notebooks' exact forms where they deviate from the paper (output counts as run). */
    public static final List<String> NOTEBOOK_FORMS = List.of("densenet121-notebook", "efficientnet-b0-notebook");

    /** Library layouts kept for comparison: torchvision's, kuangliu/pytorch-cifar's. */
    public static final List<String> LIBRARY_VARIANTS = List.of("densenet121-torchvision", "mobilenet-v2-torchvision",
            "inception-v3-torchvision", "efficientnet-b0-torchvision", "squeezenet1.1-torchvision",
            "shufflenet-v1-kuangliu");

    static {
        // Official code (the repository's notebooks), Table 1 and Table 2.
        official(TABLE_1, "SqueezeNet with batch norm and simple bypass (Iandola et al. 2016), the official notebook's; "
                + "the paper's Table 1", OfficialCompactNets.SQUEEZENET_FILE,
                a -> OfficialCompactNets.squeezeNet(a, 10));
        official("densenet121", "DenseNet-121 (BC, growth 32; Huang et al. CVPR 2017), the official notebook's layers "
                + "with the activation everywhere and 10 classes (the paper's intent)", OfficialDenseNet.FILE,
                a -> OfficialDenseNet.denseNet121(a, 10));
        official("mobilenet-v2", "MobileNet-v2 (Sandler et al. CVPR 2018), the official notebook's CIFAR layout",
                OfficialCompactNets.MOBILENET_V2_FILE, a -> OfficialCompactNets.mobileNetV2(a, 10));
        official("shufflenet-v1", "ShuffleNet-v1 g=3 (Zhang et al. CVPR 2018), the official notebook's CIFAR layout",
                OfficialCompactNets.SHUFFLENET_V1_FILE, a -> OfficialCompactNets.shuffleNetV1(a, 10));
        official("inception-v3", "Inception-v3 (Szegedy et al. CVPR 2016), the official notebook's CIFAR layout, "
                + "no aux head", OfficialInceptionV3.FILE, a -> OfficialInceptionV3.inceptionV3(a, 10));
        official("efficientnet-b0", "EfficientNet-B0 (Tan and Le ICML 2019), the official notebook's TF port: stem "
                + "stride 2, TF same padding, BN eps 1e-3, drop-connect off; 10 classes", OfficialEfficientNet.FILE,
                a -> OfficialEfficientNet.efficientNetB0(a, 10));
        // The notebooks' exact forms.
        put(new Architecture("densenet121-notebook", "DenseNet-121 exactly as the official notebook ran it: the "
                + "activation only at the final BN + act (the bottlenecks are built without it and keep ReLU) and the "
                + "constructor's default 100 outputs; the paper describes the activation throughout and 10 classes",
                Source.OFFICIAL_AS_RUN, OfficialDenseNet.FILE, CIFAR, OfficialDenseNet.AS_RUN_CLASSES,
                OfficialDenseNet::asRun));
        put(new Architecture("efficientnet-b0-notebook", "EfficientNet-B0 exactly as the official notebook ran it: "
                + "num_classes never set, so 1,000 outputs (ImageNet's default) trained on CIFAR-10's 10 labels; "
                + "the paper's table is a 10-class CIFAR-10 network", Source.OFFICIAL_AS_RUN, OfficialEfficientNet.FILE,
                CIFAR, OfficialEfficientNet.AS_RUN_CLASSES, OfficialEfficientNet::asRun));
        // Library layouts.
        library("densenet121-torchvision", "DenseNet-121, Huang et al. CVPR 2017 (torchvision layers)",
                a -> EfficientNets.denseNet121(a, 10));
        library("mobilenet-v2-torchvision", "MobileNet-v2, Sandler et al. CVPR 2018 (torchvision layers)",
                a -> EfficientNets.mobileNetV2(a, 10));
        library("inception-v3-torchvision", "Inception-v3, Szegedy et al. CVPR 2016 (torchvision layers, no aux head)",
                a -> Inceptions.inceptionV3(a, 10));
        library("efficientnet-b0-torchvision", "EfficientNet-B0, Tan and Le ICML 2019 (torchvision layers)",
                a -> EfficientNets.efficientNetB0(a, 10));
        library("squeezenet1.1-torchvision", "SqueezeNet 1.1, Iandola et al. 2016 (torchvision layers)",
                a -> SimpleNets.squeezeNet(a, 10));
        library("shufflenet-v1-kuangliu", "ShuffleNet-v1 g=3, Zhang et al. CVPR 2018 (kuangliu/pytorch-cifar port)",
                a -> EfficientNets.shuffleNetV1(a, 10));
        // Reconstructions: Table 2's Keras-era networks and the ablation nets without official code.
        reconstructed("simplenet", "SimpleNet, Hasanpour et al. 2016 (CIFAR-10 Caffe model)",
                a -> SimpleNets.simpleNet(a, 10));
        reconstructed("xception", "Xception, Chollet CVPR 2017 (Keras applications layers)",
                a -> Inceptions.xception(a, 10));
        put(new Architecture("capsnet", "Capsule Net, Sabour et al. NeurIPS 2017 (dynamic routing, margin loss, no "
                + "decoder)", Source.RECONSTRUCTED, null, CIFAR, 10, a -> CapsuleNet.build(a, 10),
                CapsuleNet.MarginLoss::new));
        reconstructed("inception-resnet-v2", "Inception-ResNet-v2, Szegedy et al. AAAI 2017 (Keras applications layers)",
                a -> Inceptions.inceptionResNetV2(a, 10));
        reconstructed("six-layer-cnn", "Six-layer CNN of the paper's Fig. 2 and 5c (Keras CIFAR-10 example)",
                a -> SimpleNets.sixLayerCnn(a, 10));
        put(new Architecture("five-layer-cnn", "Five-layer CNN of the paper's Fig. 5b (MNIST)", Source.RECONSTRUCTED,
                null, MNIST, 10, a -> SimpleNets.fiveLayerCnn(a, 10)));
    }

    private Zoo() {}

    private static void put(Architecture architecture) {
        FIXED.put(architecture.getName(), architecture);
    }

    private static void official(String name, String reference, String file,
            Function<ActivationFunction, Block> factory) {
        put(new Architecture(name, reference, Source.OFFICIAL, file, CIFAR, 10, factory));
    }

    private static void library(String name, String reference, Function<ActivationFunction, Block> factory) {
        put(new Architecture(name, reference, Source.LIBRARY, null, CIFAR, 10, factory));
    }

    private static void reconstructed(String name, String reference, Function<ActivationFunction, Block> factory) {
        put(new Architecture(name, reference, Source.RECONSTRUCTED, null, CIFAR, 10, factory));
    }

    /** ResNet v1 for CIFAR-10 (depth 6n+2). */
    public static SequentialBlock resnetV1(int depth, ActivationFunction activation) {
        return ResNets.v1(depth, activation, 10);
    }

    /** ResNet v2 for CIFAR-10 (depth 9n+2 bottleneck as the paper's v2-20, or 6n+2 basic). */
    public static SequentialBlock resnetV2(int depth, ActivationFunction activation) {
        return ResNets.v2(depth, activation, 10);
    }

    /** Wide ResNet WRN-depth-widen for CIFAR-10. */
    public static SequentialBlock wideResNet(int depth, int widen, ActivationFunction activation) {
        return ResNets.wide(depth, widen, activation, 10);
    }

    /** The official CIFAR ResNet of exps/resnet.py (depth 6n+2, option-A shortcuts). */
    public static SequentialBlock resnet(int depth, ActivationFunction activation) {
        return OfficialResNets.resnet(depth, activation, 10);
    }

    /** The MNIST network of Fig. 5a as Layers_Acc.ipynb builds it, with {@code blocks} dense blocks (12 to 22). */
    public static SequentialBlock deepDense(int blocks, ActivationFunction activation) {
        return OfficialDeepDense.deepDense(blocks, activation, 10);
    }

    /**
     * Finds an architecture by name: a fixed one ({@link #names()}), {@code resnetD} (official, 6n+2),
     * {@code resnetD-v1} / {@code resnetD-v2} (Keras example layouts), {@code wrn-D-K} or {@code deep-dense-N}.
     *
     * @param name the name, case-insensitive
     * @return the architecture
     * @throws IllegalArgumentException naming the known architectures
     */
    public static Architecture get(String name) {
        String key = normalise(name);
        Architecture fixed = FIXED.get(key);
        if (fixed != null) {
            return fixed;
        }
        Architecture registered = REGISTERED.get(key);
        if (registered != null) {
            return registered;
        }
        Matcher m = OFFICIAL_RESNET.matcher(key);
        if (m.matches()) {
            int depth = Integer.parseInt(m.group(1));
            checked(() -> OfficialResNets.resnet(depth, Activations.get("relu"), 10));
            return new Architecture(key, "ResNet-" + depth + " for CIFAR, He et al. CVPR 2016 (the official 2020 "
                    + "experiments' layers: option-A zero-padding shortcuts, convs without bias)", Source.OFFICIAL,
                    OfficialResNets.FILE, CIFAR, 10, a -> OfficialResNets.resnet(depth, a, 10));
        }
        m = RESNET.matcher(key);
        if (m.matches()) {
            int depth = Integer.parseInt(m.group(1));
            boolean v1 = m.group(2).equals("1");
            checked(() -> v1 ? ResNets.v1(depth, Activations.get("relu"), 10) : ResNets.v2(depth,
                    Activations.get("relu"), 10));
            // v2 is the reconstruction of Table 2's Keras-era "ResNet v2-20"; v1 is the Keras example's layout
            // beside the official exps/resnet.py (resnetD).
            // the Keras example's v2 has bottleneck blocks only (depth 9n+2); at 6n+2 depths it has none, and ours
            // uses pre-activation basic blocks, which the description says
            boolean bottleneck = !v1 && depth >= 11 && (depth - 2) % 9 == 0;
            return new Architecture(key, v1 ? "ResNet v1, He et al. CVPR 2016, CIFAR variant (Keras cifar10_resnet "
                    + "example)" : bottleneck ? "ResNet v2 (pre-activation, bottleneck blocks), He et al. ECCV 2016, "
                    + "CIFAR variant (Keras cifar10_resnet example)" : "ResNet v2 (pre-activation, basic blocks: the "
                    + "Keras cifar10_resnet example's v2 has no " + depth + "-layer form), He et al. ECCV 2016",
                    v1 ? Source.LIBRARY : Source.RECONSTRUCTED, null, CIFAR, 10,
                    a -> v1 ? ResNets.v1(depth, a, 10) : ResNets.v2(depth, a, 10));
        }
        m = WRN.matcher(key);
        if (m.matches()) {
            int depth = Integer.parseInt(m.group(1));
            int widen = Integer.parseInt(m.group(2));
            checked(() -> ResNets.wide(depth, widen, Activations.get("relu"), 10));
            return new Architecture(key, "Wide ResNet, Zagoruyko and Komodakis BMVC 2016", Source.RECONSTRUCTED, null,
                    CIFAR, 10, a -> ResNets.wide(depth, widen, a, 10));
        }
        m = DEEP_DENSE.matcher(key);
        if (m.matches()) {
            int blocks = Integer.parseInt(m.group(1));
            checked(() -> OfficialDeepDense.deepDense(blocks, Activations.get("relu"), 10));
            return new Architecture(key, "Fig. 5a's MNIST net as the official Keras notebook builds it: two 5x5 "
                    + "convolutions (20, 50), max pooling, dropout, then " + blocks + " x [dense 500, BN, act, dropout "
                    + "0.25], dense 10; the figure's points are 12 to 22 blocks, labelled 15 to 25 layers (blocks + 3)",
                    Source.OFFICIAL, OfficialDeepDense.FILE, MNIST, 10,
                    a -> OfficialDeepDense.deepDense(blocks, a, 10));
        }
        throw new IllegalArgumentException("Unknown architecture '" + name + "'; known: " + String.join(", ", names())
                + ", and resnetD (6n+2), resnetD-v1/v2, wrn-D-K, deep-dense-N with other depths"
                + (REGISTERED.isEmpty() ? "; a network of your own needs Zoo.register(...) first"
                        : "; registered: " + String.join(", ", registered())));
    }

    /**
     * Makes a network of your own available by name to everything that takes a zoo name: grids, training runs,
     * reports, the loss landscape. Registering a name again replaces it (so a notebook cell can be rerun); results
     * stores know runs by name, so keep one name for one network.
     *
     * @param architecture from {@link Architecture#builder()}
     * @return the architecture
     * @throws IllegalArgumentException when the name is a built-in's (fixed or by pattern, e.g. {@code wrn-16-4})
     */
    public static Architecture register(Architecture architecture) {
        String key = architecture.getName();
        if (architecture.getSource() != Source.USER) {
            throw new IllegalArgumentException("'" + key + "' is a built-in architecture; only networks from "
                    + "Architecture.builder() are registered");
        }
        if (isBuiltIn(key)) {
            throw new IllegalArgumentException("'" + key + "' is a built-in architecture's name, or has the form of "
                    + "one (resnetD, resnetD-v1/v2, wrn-D-K, deep-dense-N); register your network under another name");
        }
        checkOutput(architecture);
        REGISTERED.put(key, architecture);
        return architecture;
    }

    /**
     * Builds the network once (with ReLU) on one example of its input shape: it must build and give one score per
     * class, so that a mistake shows at registration, not hours into a grid.
     */
    private static void checkOutput(Architecture architecture) {
        Shape input = new Shape(1).addAll(architecture.getInputShape());
        Shape out;
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager()) {
            Block block = architecture.build(Activations.get("relu"));
            block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, input);
            out = block.getOutputShapes(new Shape[] {input})[0];
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + architecture.getName() + "' does not build on its input shape "
                    + architecture.getInputShape() + ": " + e.getMessage(), e);
        }
        if (!out.equals(new Shape(1, architecture.getClasses()))) {
            throw new IllegalArgumentException("'" + architecture.getName() + "' gives " + out + " for one example of "
                    + architecture.getInputShape() + "; a classifier of " + architecture.getClasses() + " classes gives "
                    + new Shape(1, architecture.getClasses()) + " (set optClasses, or end the network with linear("
                    + architecture.getClasses() + "))");
        }
    }

    /**
     * Removes a registered network.
     *
     * @return whether the name was registered
     */
    public static boolean unregister(String name) {
        return REGISTERED.remove(normalise(name)) != null;
    }

    /**
     * A name as the zoo spells it: trimmed, lower case, {@code -} for {@code _}; {@link #get(String)} finds every
     * spelling of it.
     */
    public static String normalise(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The names of the networks registered with {@link #register(Architecture)}, sorted. */
    public static List<String> registered() {
        return REGISTERED.keySet().stream().sorted().toList();
    }

    static boolean isValidName(String name) {
        return VALID_NAME.matcher(name).matches();
    }

    private static boolean isBuiltIn(String key) {
        return FIXED.containsKey(key) || OFFICIAL_RESNET.matcher(key).matches() || RESNET.matcher(key).matches()
                || WRN.matcher(key).matches() || DEEP_DENSE.matcher(key).matches();
    }

    /**
     * The names of the standard configurations: Table 2, Table 1's SqueezeNet, the notebooks' exact forms, the
     * library variants, the ablation nets and the other ResNets (official and Keras-example).
     */
    public static List<String> names() {
        List<String> names = new ArrayList<>(TABLE_2);
        names.add(TABLE_1);
        names.addAll(NOTEBOOK_FORMS);
        names.addAll(LIBRARY_VARIANTS);
        names.add("six-layer-cnn");
        names.add("five-layer-cnn");
        names.add("deep-dense-" + OfficialDeepDense.FIGURE_MIN_BLOCKS);
        for (String resnet : new String[] {"resnet20", "resnet32", "resnet44", "resnet56", "resnet20-v1",
                "resnet32-v1", "resnet44-v1", "resnet56-v1", "resnet32-v2", "resnet44-v2", "resnet56-v2"}) {
            names.add(resnet);
        }
        return Collections.unmodifiableList(names);
    }

    private static void checked(java.util.function.Supplier<Block> build) {
        // Building (without parameters yet) validates depth and width, so a bad name fails at lookup.
        build.get();
    }
}
