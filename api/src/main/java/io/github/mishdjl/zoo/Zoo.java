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
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.NullMarked;

/**
 * The networks of the Mish paper, each with a pluggable activation: the 11 CIFAR-10 architectures of its
 * Table 2, SqueezeNet (Table 1) and the ablation networks (Fig. 2, 5a, 5b, 5c). Every factory returns a plain
 * DJL block; {@link #get(String)} finds one by name.
 *
 * <pre>{@code
 * Block net = Zoo.resnetV2(20, Activations.get("mish"));
 * Block same = Zoo.get("resnet20-v2").build(Activations.get("mish"));
 * }</pre>
 */
@NullMarked
public final class Zoo {

    private static final Shape CIFAR = new Shape(3, 32, 32);
    private static final Shape MNIST = new Shape(1, 28, 28);
    private static final Pattern RESNET = Pattern.compile("resnet(\\d+)-v([12])");
    private static final Pattern WRN = Pattern.compile("wrn-(\\d+)-(\\d+)");
    private static final Pattern DEEP_DENSE = Pattern.compile("deep-dense-(\\d+)");
    private static final Map<String, Architecture> FIXED = new LinkedHashMap<>();

    /** The 11 architectures of the paper's Table 2, in its order. */
    public static final List<String> TABLE_2 = List.of("resnet20-v2", "wrn-10-2", "simplenet", "xception",
            "capsnet", "inception-resnet-v2", "densenet121", "mobilenet-v2", "shufflenet-v1", "inception-v3",
            "efficientnet-b0");

    static {
        fixed("simplenet", "SimpleNet, Hasanpour et al. 2016 (CIFAR-10 Caffe model)", a -> SimpleNets.simpleNet(a, 10));
        fixed("xception", "Xception, Chollet CVPR 2017 (Keras applications layers)", a -> Inceptions.xception(a, 10));
        FIXED.put("capsnet", new Architecture("capsnet", "Capsule Net, Sabour et al. NeurIPS 2017 (dynamic routing, "
                + "margin loss, no decoder)", CIFAR, 10, a -> CapsuleNet.build(a, 10), CapsuleNet.MarginLoss::new));
        fixed("inception-resnet-v2", "Inception-ResNet-v2, Szegedy et al. AAAI 2017 (Keras applications layers)",
                a -> Inceptions.inceptionResNetV2(a, 10));
        fixed("densenet121", "DenseNet-121, Huang et al. CVPR 2017 (torchvision layers)",
                a -> EfficientNets.denseNet121(a, 10));
        fixed("mobilenet-v2", "MobileNet-v2, Sandler et al. CVPR 2018 (torchvision layers)",
                a -> EfficientNets.mobileNetV2(a, 10));
        fixed("shufflenet-v1", "ShuffleNet-v1 g=3, Zhang et al. CVPR 2018 (kuangliu/pytorch-cifar port)",
                a -> EfficientNets.shuffleNetV1(a, 10));
        fixed("inception-v3", "Inception-v3, Szegedy et al. CVPR 2016 (torchvision layers, no aux head)",
                a -> Inceptions.inceptionV3(a, 10));
        fixed("efficientnet-b0", "EfficientNet-B0, Tan and Le ICML 2019 (torchvision layers)",
                a -> EfficientNets.efficientNetB0(a, 10));
        fixed("squeezenet", "SqueezeNet 1.1, Iandola et al. 2016 (torchvision layers); the paper's Table 1",
                a -> SimpleNets.squeezeNet(a, 10));
        fixed("six-layer-cnn", "Six-layer CNN of the paper's Fig. 2 and 5c (Keras CIFAR-10 example)",
                a -> SimpleNets.sixLayerCnn(a, 10));
        FIXED.put("five-layer-cnn", new Architecture("five-layer-cnn",
                "Five-layer CNN of the paper's Fig. 5b (MNIST)", MNIST, 10, a -> SimpleNets.fiveLayerCnn(a, 10)));
    }

    private Zoo() {}

    private static void fixed(String name, String reference, Function<ActivationFunction, Block> factory) {
        FIXED.put(name, new Architecture(name, reference, CIFAR, 10, factory));
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

    /** The deep fully connected MNIST network of Fig. 5a. */
    public static SequentialBlock deepDense(int depth, ActivationFunction activation) {
        return SimpleNets.deepDense(depth, activation, 10);
    }

    /**
     * Finds an architecture by name: a fixed one ({@link #names()}), {@code resnetD-v1} / {@code resnetD-v2},
     * {@code wrn-D-K} or {@code deep-dense-D}.
     *
     * @param name the name, case-insensitive
     * @return the architecture
     * @throws IllegalArgumentException naming the known architectures
     */
    public static Architecture get(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        Architecture fixed = FIXED.get(key);
        if (fixed != null) {
            return fixed;
        }
        Matcher m = RESNET.matcher(key);
        if (m.matches()) {
            int depth = Integer.parseInt(m.group(1));
            boolean v1 = m.group(2).equals("1");
            checked(() -> v1 ? ResNets.v1(depth, Activations.get("relu"), 10) : ResNets.v2(depth,
                    Activations.get("relu"), 10));
            return new Architecture(key, (v1 ? "ResNet v1, He et al. CVPR 2016" : "ResNet v2 (pre-activation), He et "
                    + "al. ECCV 2016") + ", CIFAR variant (Keras cifar10_resnet example)", CIFAR, 10,
                    a -> v1 ? ResNets.v1(depth, a, 10) : ResNets.v2(depth, a, 10));
        }
        m = WRN.matcher(key);
        if (m.matches()) {
            int depth = Integer.parseInt(m.group(1));
            int widen = Integer.parseInt(m.group(2));
            checked(() -> ResNets.wide(depth, widen, Activations.get("relu"), 10));
            return new Architecture(key, "Wide ResNet, Zagoruyko and Komodakis BMVC 2016", CIFAR, 10,
                    a -> ResNets.wide(depth, widen, a, 10));
        }
        m = DEEP_DENSE.matcher(key);
        if (m.matches()) {
            int depth = Integer.parseInt(m.group(1));
            checked(() -> SimpleNets.deepDense(depth, Activations.get("relu"), 10));
            return new Architecture(key, "Deep fully connected net of the paper's Fig. 5a (MNIST, 500 units, batch "
                    + "norm, dropout 0.25)", MNIST, 10, a -> SimpleNets.deepDense(depth, a, 10));
        }
        throw new IllegalArgumentException("Unknown architecture '" + name + "'; known: " + String.join(", ", names())
                + ", and resnetD-v1/v2, wrn-D-K, deep-dense-D with other depths");
    }

    /** The names of the standard configurations: Table 2, SqueezeNet, the ablation nets, the other ResNets. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(TABLE_2);
        names.add("squeezenet");
        names.add("six-layer-cnn");
        names.add("five-layer-cnn");
        names.add("deep-dense-15");
        for (String resnet : new String[] {"resnet20-v1", "resnet32-v1", "resnet44-v1", "resnet56-v1",
                "resnet32-v2", "resnet44-v2", "resnet56-v2"}) {
            names.add(resnet);
        }
        return Collections.unmodifiableList(names);
    }

    private static void checked(java.util.function.Supplier<Block> build) {
        // Building (without parameters yet) validates depth and width, so a bad name fails at lookup.
        build.get();
    }
}
