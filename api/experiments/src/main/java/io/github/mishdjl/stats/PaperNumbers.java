package io.github.mishdjl.stats;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/** The published numbers of the Mish paper (Misra, BMVC 2020) that reports put beside ours. */
@NullMarked
public final class PaperNumbers {

    private PaperNumbers() {}

    /** Table 2: CIFAR-10 test accuracy (%) of single runs, by zoo name, for mish, swish, relu. */
    public static final Map<String, double[]> TABLE_2 = Map.ofEntries(
            Map.entry("resnet20-v2", new double[] {92.02, 91.61, 91.71}),
            Map.entry("wrn-10-2", new double[] {86.83, 86.56, 84.56}),
            Map.entry("simplenet", new double[] {91.70, 91.44, 91.16}),
            Map.entry("xception", new double[] {88.73, 88.56, 88.38}),
            Map.entry("capsnet", new double[] {83.15, 82.48, 82.19}),
            Map.entry("inception-resnet-v2", new double[] {85.21, 84.96, 82.22}),
            Map.entry("densenet121", new double[] {91.27, 90.92, 91.09}),
            Map.entry("mobilenet-v2", new double[] {86.25, 86.08, 86.05}),
            Map.entry("shufflenet-v1", new double[] {87.31, 86.95, 87.04}),
            Map.entry("inception-v3", new double[] {91.19, 91.17, 90.84}),
            Map.entry("efficientnet-b0", new double[] {80.73, 79.37, 79.31}));

    /** Table 1: SqueezeNet on CIFAR-10, 23 runs per activation: mean accuracy (%), its std, n. */
    public static final List<Summary> TABLE_1 = List.of(
            new Summary("mish", 87.48, 0.3967, 23),
            new Summary("swish", 87.32, 0.414, 23),
            new Summary("gelu", 87.37, 0.472, 23),
            new Summary("relu", 86.66, 0.584, 23),
            new Summary("elu:1", 86.41, 0.3371, 23),
            new Summary("leaky_relu:0.3", 86.85, 0.4569, 23),
            new Summary("selu", 83.91, 0.5995, 23),
            new Summary("softplus", 83.004, 1.4015, 23),
            new Summary("rrelu", 86.87, 0.4478, 23),
            new Summary("relu6", 86.75, 0.4501, 23),
            new Summary("celu:1", 86.23, 0.50941, 23),
            new Summary("tanh", 83.15, 0.6887, 23),
            new Summary("sigmoid", 74.82, 5.7662, 23));

    /**
     * Fig. 5a: Mish's published test accuracy (%) on MNIST by the number of dense blocks N = 12..22 (the figure's
     * 15..25 layers), from the official Layers_Acc.ipynb.
     */
    public static final Map<Integer, Double> FIG_5A_MISH = Map.ofEntries(Map.entry(12, 98.43), Map.entry(13, 98.28),
            Map.entry(14, 98.38), Map.entry(15, 98.24), Map.entry(16, 98.05), Map.entry(17, 97.52), Map.entry(18, 97.86),
            Map.entry(19, 96.46), Map.entry(20, 94.52), Map.entry(21, 94.66), Map.entry(22, 85.16));

    /** The network of Table 1 (the official SqueezeNet), by zoo name. */
    public static final String TABLE_1_ARCHITECTURE = "squeezenet";

    /**
     * The paper's published CIFAR-10 accuracy for a network and activation: Table 1's mean over 23 runs for the
     * SqueezeNet, Table 2's single run for its networks; null where the paper publishes none.
     */
    public static @Nullable Double published(String architecture, String activation) {
        if (architecture.equals(TABLE_1_ARCHITECTURE)) {
            return TABLE_1.stream().filter(s -> s.name().equals(activation)).map(Summary::mean).findFirst()
                    .orElse(null);
        }
        return table2(architecture, activation);
    }

    /** Which of the paper's tables has the network ("Table 1" or "Table 2"), or null. */
    public static @Nullable String table(String architecture) {
        return architecture.equals(TABLE_1_ARCHITECTURE) ? "Table 1" : TABLE_2.containsKey(architecture) ? "Table 2"
                : null;
    }

    /** The paper's Table 2 accuracy for an architecture and activation (mish, swish or relu), or null. */
    public static @Nullable Double table2(String architecture, String activation) {
        double[] row = TABLE_2.get(architecture);
        String base = activation.split(":")[0];
        int column = List.of("mish", "swish", "relu").indexOf(base.equals("silu") ? "swish" : base);
        return row == null || column < 0 ? null : row[column];
    }
}
