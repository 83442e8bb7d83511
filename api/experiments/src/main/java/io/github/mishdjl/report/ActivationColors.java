package io.github.mishdjl.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.NullMarked;

/**
 * One fixed colour per activation, the same in every chart and report, so a reader who learnt that Mish is
 * vermilion never has to read a legend again. The paper's three (Mish, Swish, ReLU) take the most distinct colours
 * of the Okabe-Ito palette (readable with the common colour-vision deficiencies); Table 1's others follow, then the
 * candidates of Fig. 2b; any other name gets a colour from its hash, stable across runs.
 */
@NullMarked
public final class ActivationColors {

    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("mish", "#D55E00"),
            Map.entry("swish", "#0072B2"),
            Map.entry("silu", "#0072B2"),
            Map.entry("relu", "#009E73"),
            Map.entry("gelu", "#CC79A7"),
            Map.entry("elu", "#E69F00"),
            Map.entry("leaky_relu", "#56B4E9"),
            Map.entry("selu", "#A89200"),
            Map.entry("softplus", "#7F3C8D"),
            Map.entry("rrelu", "#8C564B"),
            Map.entry("relu6", "#17BECF"),
            Map.entry("celu", "#6B8E23"),
            Map.entry("tanh", "#7F7F7F"),
            Map.entry("sigmoid", "#000000"),
            // the candidates of the paper's search for Mish (notebook 8), shown beside Mish and Swish only
            Map.entry("atan_softplus", "#9467BD"),
            Map.entry("tanh_softplus", "#2CA02C"),
            Map.entry("x_log1p_atan_exp", "#E377C2"),
            Map.entry("x_log1p_tanh_exp", "#BCBD22"));

    private static final List<String> OTHERS = List.of("#1F77B4", "#FF7F0E", "#2CA02C", "#D62728", "#9467BD",
            "#E377C2", "#BCBD22", "#393B79", "#AD494A", "#637939");

    private ActivationColors() {}

    /**
     * The colour of an activation name as the registry spells it: {@code mish}, {@code mish:analytic} (Mish's),
     * {@code leaky_relu:0.3} (Leaky ReLU's). Implementations and parameters of one function share its colour.
     */
    public static String of(String activation) {
        String name = activation.trim().toLowerCase(Locale.ROOT);
        String known = KNOWN.get(name);
        if (known == null) {
            int colon = name.indexOf(':');
            known = KNOWN.get(colon < 0 ? name : name.substring(0, colon));
        }
        return known != null ? known : OTHERS.get(Math.floorMod(name.hashCode(), OTHERS.size()));
    }

    /** The colours of {@code names}, in order. */
    public static List<String> of(List<String> names) {
        return names.stream().map(ActivationColors::of).toList();
    }
}
