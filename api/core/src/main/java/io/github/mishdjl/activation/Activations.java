package io.github.mishdjl.activation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import io.github.mishdjl.ndarray.Scalars;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.NullMarked;

/**
 * The registry of activation functions, by name: every activation the Mish paper compares (its Table 1),
 * plus Swish with beta, GELU (exact and tanh), Hard-Swish, Mish and the candidates of the paper's search for Mish
 * ({@link #PAPER_CANDIDATES}, Fig. 2b).
 *
 * <p>A name is case-insensitive ({@code -} and {@code _} alike) and may carry parameters after colons:
 * {@code leaky_relu:0.3}, {@code swish:1.5}, {@code elu:1}, {@code rrelu:0.125:0.333}, {@code mish:analytic}.
 * Where libtorch has a fused kernel it is used (directly through DJL, or through a one-line TorchScript
 * module; see the benchmark); otherwise a composite of DJL operators.
 *
 * <pre>{@code
 * Block act = Activations.block("mish");
 * ActivationFunction leaky = Activations.get("leaky_relu:0.3");
 * }</pre>
 */
@NullMarked
public final class Activations {

    /** Builds a function from its parsed parameters (none when the name had none). */
    @FunctionalInterface
    public interface Factory {
        /**
         * Creates the function.
         *
         * @param params the parameters written after the name, already split at colons
         * @return the activation function
         * @throws IllegalArgumentException for a bad parameter, saying which one and why
         */
        ActivationFunction create(List<String> params);
    }

    // e^x is taken of x clamped where the gate has reached its limit in double precision (arctan(e^40) is pi/2 to
    // 4e-18, tanh(e^20) is 1), so e^x never overflows in float32 or float64: an infinite e^x makes the slope
    // 0 * inf = NaN. Half precision (e^x overflows beyond 11.09) is computed in float32 and rounded once.
    private static final float ATAN_EXP_CLAMP = 40f;
    private static final float TANH_EXP_CLAMP = 20f;

    private static final Map<String, Entry> REGISTRY = Collections.synchronizedMap(new TreeMap<>());
    /** The names this class registers itself: {@link #register} refuses them (results know runs by name). */
    private static java.util.Set<String> builtIn = java.util.Set.of();

    static {
        register("mish", "Mish x*tanh(softplus(x)); parameter: native|analytic|autograd", params -> {
            Mish.Impl impl = params.isEmpty() ? Mish.defaultImpl() : Mish.Impl.parse(single("mish", params));
            return ActivationFunction.of("mish:" + impl, "mish", x -> Mish.mish(x, impl));
        });
        register("swish", "Swish x*sigmoid(beta*x); parameter: beta (default 1, = SiLU)", params -> {
            float beta = number("swish", "beta", params, 1f);
            return swish(beta);
        });
        register("silu", "SiLU x*sigmoid(x), Swish with beta 1", params -> {
            none("silu", params);
            return swish(1f);
        });
        register("gelu", "GELU x*Phi(x); parameter: tanh for the tanh approximation", params -> {
            if (params.isEmpty() || "erf".equalsIgnoreCase(single("gelu", params))) {
                return ActivationFunction.of("gelu", Activation::gelu);
            }
            if ("tanh".equalsIgnoreCase(single("gelu", params))) {
                return ActivationFunction.of("gelu:tanh", x -> nativeOr(NativeOps.GELU_TANH, x, Activations::geluTanh));
            }
            throw new IllegalArgumentException("gelu takes 'erf' (default) or 'tanh', got '" + params.get(0) + "'");
        });
        register("relu", "ReLU max(0, x)", params -> plain("relu", params, Activation::relu));
        register("relu6", "ReLU6 min(max(0, x), 6)", params -> {
            none("relu6", params);
            return ActivationFunction.of("relu6", x -> nativeOr(NativeOps.RELU6, x, Activations::relu6));
        });
        register("leaky_relu", "Leaky ReLU; parameter: alpha (default 0.01; the paper uses 0.3)", params -> {
            float alpha = number("leaky_relu", "alpha", params, 0.01f);
            return ActivationFunction.of("leaky_relu:" + format(alpha), leakyFunction(alpha),
                    x -> Activation.leakyRelu(x, alpha));
        });
        register("elu", "ELU; parameter: alpha (default 1)", params -> {
            float alpha = number("elu", "alpha", params, 1f);
            return ActivationFunction.of("elu:" + format(alpha), x -> Activation.elu(x, alpha));
        });
        register("selu", "SELU, the self-normalising ELU", params -> plain("selu", params, Activation::selu));
        register("celu", "CELU max(0,x) + min(0, alpha*(exp(x/alpha)-1)); parameter: alpha (default 1)", params -> {
            float alpha = number("celu", "alpha", params, 1f);
            if (alpha == 0f) {
                throw new IllegalArgumentException("celu: alpha must not be 0");
            }
            NativeOps.NativeOp op = NativeOps.custom("celu_" + format(alpha), "torch.celu(x, " + alpha + ")");
            // CELU(1) is ELU(1): the two differ only for alpha other than 1
            return ActivationFunction.of("celu:" + format(alpha), alpha == 1f ? "elu:1" : "celu:" + format(alpha),
                    x -> nativeOr(op, x, v -> celu(v, alpha)));
        });
        register("rrelu", "Randomised leaky ReLU; parameters: lower, upper (default 1/8, 1/3)", params -> {
            if (params.size() != 0 && params.size() != 2) {
                throw new IllegalArgumentException("rrelu takes no parameter or two (lower:upper), got " + params);
            }
            float lower = params.isEmpty() ? 1f / 8 : parse("rrelu", "lower", params.get(0));
            float upper = params.isEmpty() ? 1f / 3 : parse("rrelu", "upper", params.get(1));
            if (!(lower <= upper)) {
                throw new IllegalArgumentException("rrelu: lower " + lower + " must not exceed upper " + upper);
            }
            // with lower = upper every slope drawn is that one: a leaky ReLU
            String name = "rrelu:" + format(lower) + ":" + format(upper);
            return ActivationFunction.ofKernel(name, lower == upper ? leakyFunction(lower) : name,
                    (x, training) -> rrelu(x, lower, upper, training));
        });
        register("softplus", "Softplus ln(1 + e^x), threshold 20", params -> plain("softplus", params, Activation::softPlus));
        register("tanh", "Hyperbolic tangent", params -> plain("tanh", params, Activation::tanh));
        register("sigmoid", "Logistic sigmoid", params -> plain("sigmoid", params, Activation::sigmoid));
        register("hardswish", "Hard-Swish x*relu6(x+3)/6", params -> {
            none("hardswish", params);
            return ActivationFunction.of("hardswish", x -> nativeOr(NativeOps.HARDSWISH, x, Activations::hardSwish));
        });
        register("softsign", "Softsign x/(1+|x|)", params -> plain("softsign", params, Activation::softSign));
        // The candidates of the paper's search for a Swish-like function (its Section 3 and Fig. 2b): the first two
        // are named in a reviewer's question the official repository keeps (Reviews and Citations/reviews.md).
        candidate("atan_softplus", "arctan(x)*softplus(x)", "torch.atan(x) * torch.softplus(x, 1, 20)",
                Activations::atanSoftplus);
        candidate("tanh_softplus", "tanh(x)*softplus(x)", "torch.tanh(x) * torch.softplus(x, 1, 20)",
                Activations::tanhSoftplus);
        candidate("x_log1p_atan_exp", "x*ln(1+arctan(e^x))",
                "x * torch.log1p(torch.atan(torch.exp(torch.clamp_max(x, " + ATAN_EXP_CLAMP + "))))",
                Activations::xLog1pAtanExp);
        candidate("x_log1p_tanh_exp", "x*ln(1+tanh(e^x))",
                "x * torch.log1p(torch.tanh(torch.exp(torch.clamp_max(x, " + TANH_EXP_CLAMP + "))))",
                Activations::xLog1pTanhExp);
        builtIn = java.util.Set.copyOf(REGISTRY.keySet());
    }

    /**
     * The names of the candidate functions of the paper's search for Mish (its Section 3, Fig. 2b), in the order
     * notebook 8 shows them.
     */
    public static final List<String> PAPER_CANDIDATES = List.of("atan_softplus", "tanh_softplus", "x_log1p_atan_exp",
            "x_log1p_tanh_exp");

    private static void candidate(String name, String formula, String torchScript, Function<NDArray, NDArray> composite) {
        NativeOps.NativeOp op = NativeOps.custom(name, torchScript);
        register(name, formula + ", a candidate of the paper's search for Mish (Fig. 2b)", params -> {
            none(name, params);
            return ActivationFunction.of(name, x -> Mish.inFloat(x, name, v -> nativeOr(op, v, composite)));
        });
    }

    private Activations() {}

    /**
     * Returns the activation function for a name with optional parameters.
     *
     * @param spec e.g. {@code mish}, {@code Leaky_ReLU:0.3}, {@code swish:1.5}
     * @return the function
     * @throws IllegalArgumentException for an unknown name (listing the known ones) or a bad parameter
     * @throws IllegalStateException if an activation {@link #register registered} under this name calls itself by
     *     another name (its factory's mistake)
     */
    public static ActivationFunction get(String spec) {
        String[] parts = spec.trim().split(":", -1);
        String key = normalise(parts[0]);
        Entry entry = REGISTRY.get(key);
        if (entry == null) {
            throw unknown(spec);
        }
        List<String> params = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            params.add(parts[i].trim());
        }
        ActivationFunction made = entry.factory.create(Collections.unmodifiableList(params));
        // Runs, reports and replace() find an activation by the name it carries: one of your own must carry its own
        // (a built-in alias may name what it is: silu is swish:1).
        boolean own = builtIn.contains(key) ? isKnown(made.getName())
                : normalise(made.getName().split(":", -1)[0]).equals(key);
        if (!own) {
            throw new IllegalStateException("The activation registered as '" + key + "' calls itself '"
                    + made.getName() + "': name it '" + key + "' (with its parameters after ':', as in "
                    + "leaky_relu:0.3) in its factory, so that runs and replace() find it by that name");
        }
        return made;
    }

    /**
     * The mathematical function a name computes, as {@code get(spec).getFunction()}: one answer for every
     * implementation of a function and every name of it ({@code mish}, {@code mish:analytic} give {@code mish};
     * {@code celu}, {@code elu:1} give {@code elu:1}; {@code silu}, {@code swish} give {@code swish:1}).
     *
     * @param spec the activation's name with optional parameters
     * @return the canonical name of the function
     * @throws IllegalArgumentException as {@link #get(String)}
     */
    public static String function(String spec) {
        return get(spec).getFunction();
    }

    /**
     * Returns a new block for a name, as {@code get(spec).block()}.
     *
     * @param spec the activation's name with optional parameters
     * @return a new parameter-free block
     */
    public static Block block(String spec) {
        return get(spec).block();
    }

    /**
     * Replaces activations inside an existing block tree, e.g. a model-zoo network's ReLUs by Mish: {@code
     * Activations.replace(net, name -> name.equals("relu"), Activations.get("mish"))}. Parameters are untouched.
     *
     * @param block the root of the tree
     * @param select chooses activations by registry name ({@code relu}, {@code leaky_relu:0.3}); it sees a name's
     *     base too ({@code leaky_relu}). DJL's own blocks go by their kind: its Swish, ELU and LeakyReLU blocks do not
     *     record their parameter and are {@code swish:?}, {@code elu:?} and {@code leaky_relu:?}; DJL's built-in
     *     log2 variant of Mish is {@code djl_mish}
     * @param replacement the new activation
     * @return how many were replaced (0 if none was selected)
     * @throws IllegalArgumentException if the tree holds no identifiable activation at all
     */
    public static int replace(Block block, java.util.function.Predicate<String> select, ActivationFunction replacement) {
        return ActivationSwap.replace(block, select, replacement);
    }

    /**
     * Replaces every activation inside a block tree that computes the function {@code spec} names, whatever it is
     * called there: {@code replace(net, "silu", Activations.get("mish"))} replaces {@code swish:1} blocks (SiLU is
     * Swish with beta 1), {@code "mish"} every implementation of Mish, {@code "elu:1"} CELU(1) too; {@code swish:1.5}
     * is another function and stays. Parameters are untouched.
     *
     * @param block the root of the tree
     * @param spec the function to replace, as {@link #get} takes it
     * @param replacement the new activation
     * @return how many were replaced (0 if none computes that function)
     * @throws IllegalArgumentException for an unknown {@code spec}, if the tree holds no identifiable activation, or
     *     (before anything is replaced) if it holds DJL blocks of the same kind whose parameter DJL does not record
     *     ({@code Activation.swishBlock(beta)} is named "Swish" whatever beta), so whether they compute {@code spec}
     *     is unknown: select those by kind with {@link #replace(Block, java.util.function.Predicate,
     *     ActivationFunction)}. (A DJL LeakyReLU block is of kind leaky_relu: {@code "relu"} leaves it alone, though
     *     its alpha might be 0.)
     */
    public static int replace(Block block, String spec, ActivationFunction replacement) {
        String target = function(spec);
        String kind = target.split(":", -1)[0];
        if (ActivationSwap.names(block).contains(kind + ":" + ActivationSwap.UNKNOWN)) {
            throw new IllegalArgumentException("The network holds DJL " + kind + " blocks, whose parameter DJL does "
                    + "not record (Activation.swishBlock(beta), eluBlock(alpha) and leakyReluBlock(alpha) are named by "
                    + "kind only), so whether they compute " + target + " is unknown; nothing was replaced. Select by "
                    + "kind instead: replace(net, name -> name.startsWith(\"" + kind + "\"), replacement)");
        }
        return ActivationSwap.replaceFunctions(block, name -> {
            try {
                return isKnown(name) && function(name).equals(target);
            } catch (IllegalArgumentException e) {
                return false; // a DJL block whose parameter is unknown (leaky_relu:?), of another kind than target's
            }
        }, replacement);
    }

    /**
     * Whether a name (its parameters aside) is registered: {@code isKnown("leaky_relu:0.3")} is true, whatever its
     * parameter; {@link #get} still checks the parameters.
     */
    public static boolean isKnown(String spec) {
        return REGISTRY.containsKey(normalise(spec.trim().split(":", -1)[0]));
    }

    /** Returns the registered names, sorted. */
    public static List<String> names() {
        synchronized (REGISTRY) {
            return List.copyOf(REGISTRY.keySet());
        }
    }

    /**
     * Returns a one-line description of a registered name.
     *
     * @param name a registered name
     * @return what it computes and its parameters
     */
    public static String describe(String name) {
        Entry entry = REGISTRY.get(normalise(name.trim().split(":", -1)[0]));
        if (entry == null) {
            throw unknown(name);
        }
        return entry.description;
    }

    private static IllegalArgumentException unknown(String spec) {
        return new IllegalArgumentException("Unknown activation '" + spec + "'; known: " + String.join(", ", names()));
    }

    /**
     * Registers an activation of your own under a name, or replaces one you registered before (so a notebook cell can
     * be rerun). Every name that takes an activation then takes it: grids, training runs, reports.
     *
     * @param name the name, matched case-insensitively
     * @param description one line: what it computes and its parameters
     * @param factory builds the function from its parameters
     * @throws IllegalArgumentException for a name with ':' or blanks, or a built-in's name (results know runs by
     *     name: {@code relu} must mean one function everywhere)
     */
    public static void register(String name, String description, Factory factory) {
        if (name.isBlank() || name.trim().chars().anyMatch(c -> c == ':' || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("An activation name is one word without ':' (which starts its "
                    + "parameters, as in leaky_relu:0.3), got '" + name + "'");
        }
        if (builtIn.contains(normalise(name))) {
            throw new IllegalArgumentException("'" + name + "' is a built-in activation; register yours under another "
                    + "name (results know runs by name, so one name is one function everywhere)");
        }
        REGISTRY.put(normalise(name), new Entry(description, factory));
    }

    /**
     * Removes an activation registered with {@link #register}.
     *
     * @param name its name
     * @return whether it was registered
     * @throws IllegalArgumentException for a built-in's name
     */
    public static boolean unregister(String name) {
        if (builtIn.contains(normalise(name))) {
            throw new IllegalArgumentException("'" + name + "' is a built-in activation and stays registered");
        }
        return REGISTRY.remove(normalise(name)) != null;
    }

    /**
     * An activation spec as the registry spells it: the name trimmed, lower case, {@code _} for {@code -}; its
     * parameters as written ({@code " Leaky-ReLU:-0.5"} is {@code leaky_relu:-0.5}).
     */
    public static String spelling(String spec) {
        String trimmed = spec.trim();
        int colon = trimmed.indexOf(':');
        return colon < 0 ? normalise(trimmed) : normalise(trimmed.substring(0, colon)) + trimmed.substring(colon);
    }

    private static String normalise(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /** The function a leaky ReLU of slope alpha computes: ReLU's at slope 0. */
    private static String leakyFunction(float alpha) {
        return alpha == 0f ? "relu" : "leaky_relu:" + format(alpha);
    }

    private static ActivationFunction swish(float beta) {
        if (beta == 1f) {
            return ActivationFunction.of("swish:1", x -> nativeOr(NativeOps.SILU, x, v -> swish(v, 1f)));
        }
        return ActivationFunction.of("swish:" + format(beta), x -> swish(x, beta));
    }

    /** x sigmoid(beta x); not DJL's Activation.swish, whose beta is freed before backward reads it. */
    static NDArray swish(NDArray x, float beta) {
        try (NDArray scaled = Scalars.mul(x, beta);
                NDArray gate = Activation.sigmoid(scaled)) {
            return x.mul(gate);
        }
    }

    /** Uses the fused kernel on PyTorch arrays, the composite elsewhere. */
    private static NDArray nativeOr(NativeOps.NativeOp op, NDArray x, Function<NDArray, NDArray> composite) {
        return x instanceof ai.djl.pytorch.engine.PtNDArray ? op.apply(x) : composite.apply(x);
    }

    // Composites: in place only on results autograd does not save (tanh, exp, pow save their outputs); constants
    // that a product, quotient, max or min keeps for backward go through Scalars (a Number operand is freed early)
    static NDArray geluTanh(NDArray x) {
        // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
        try (NDArray square = x.square();
                NDArray cube = square.mul(x); // not pow: DJL's pow saves its output
                NDArray inner = Scalars.muli(Scalars.muli(cube, 0.044715).addi(x), Math.sqrt(2 / Math.PI));
                NDArray tanh = inner.tanh();
                NDArray onePlus = tanh.add(1f)) {
            return Scalars.muli(onePlus.mul(x), 0.5);
        }
    }

    static NDArray atanSoftplus(NDArray x) {
        return gateTimesSoftplus(x, NDArray::atan);
    }

    static NDArray tanhSoftplus(NDArray x) {
        return gateTimesSoftplus(x, NDArray::tanh);
    }

    /** gate(x) softplus(x), the first two candidates' form. */
    private static NDArray gateTimesSoftplus(NDArray x, java.util.function.UnaryOperator<NDArray> gate) {
        try (NDArray g = gate.apply(x);
                NDArray softplus = Activation.softPlus(x)) {
            return g.mul(softplus);
        }
    }

    static NDArray xLog1pAtanExp(NDArray x) {
        return xLog1pGateOfExp(x, ATAN_EXP_CLAMP, NDArray::atan);
    }

    static NDArray xLog1pTanhExp(NDArray x) {
        return xLog1pGateOfExp(x, TANH_EXP_CLAMP, NDArray::tanh);
    }

    /**
     * x ln(1 + gate(e^x)), e^x of x clamped at {@code clamp} (above it the gate is at its limit). DJL has no log1p:
     * ln(1 + g) loses the digits of a small g (x far below 0), a tiny absolute error in x ln(1 + g).
     */
    private static NDArray xLog1pGateOfExp(NDArray x, float clamp, java.util.function.UnaryOperator<NDArray> gate) {
        try (NDArray clamped = x.clip(-Float.MAX_VALUE, clamp);
                NDArray exp = clamped.exp();
                NDArray g = gate.apply(exp);
                NDArray onePlus = g.add(1f);
                NDArray log = onePlus.log()) {
            return log.mul(x);
        }
    }

    /** min(max(x, 0), 6); not DJL's Activation.relu6, whose bound 6 is released before backward reads it. */
    static NDArray relu6(NDArray x) {
        try (NDArray low = Scalars.maximum(x, 0)) {
            return Scalars.minimum(low, 6);
        }
    }

    static NDArray hardSwish(NDArray x) {
        try (NDArray shifted = x.add(3f);
                NDArray clipped = relu6(shifted)) {
            return Scalars.muli(clipped.mul(x), 1 / 6.0);
        }
    }

    static NDArray celu(NDArray x, float alpha) {
        // max(0, x) + min(0, alpha (exp(x / alpha) - 1))
        try (NDArray scaled = Scalars.div(x, alpha);
                NDArray exp = scaled.exp();
                NDArray expm1 = Scalars.muli(exp.sub(1f), alpha);
                NDArray negative = Scalars.minimum(expm1, 0);
                NDArray positive = Scalars.maximum(x, 0)) {
            return positive.add(negative);
        }
    }

    static NDArray rrelu(NDArray x, float lower, float upper, boolean training) {
        if (!training) {
            return Activation.leakyRelu(x, (lower + upper) / 2);
        }
        try (NDArray slope = x.getManager().randomUniform(lower, upper, x.getShape(), x.getDataType());
                NDArray negative = x.mul(slope);
                NDArray keep = x.gte(0f)) {
            return NDArrays.where(keep, x, negative);
        }
    }

    private static ActivationFunction plain(String name, List<String> params, java.util.function.UnaryOperator<NDArray> f) {
        none(name, params);
        return ActivationFunction.of(name, f);
    }

    private static void none(String name, List<String> params) {
        if (!params.isEmpty()) {
            throw new IllegalArgumentException(name + " takes no parameter, got " + String.join(":", params));
        }
    }

    private static String single(String name, List<String> params) {
        if (params.size() != 1) {
            throw new IllegalArgumentException(name + " takes one parameter, got " + params.size() + ": " + params);
        }
        return params.get(0);
    }

    private static float number(String name, String param, List<String> params, float fallback) {
        return params.isEmpty() ? fallback : parse(name, param, single(name, params));
    }

    private static float parse(String name, String param, String text) {
        try {
            float value = Float.parseFloat(text);
            if (Float.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(name + ": parameter " + param + " must be a finite number, got '" + text + "'");
    }

    /** Shortest round-tripping text of a parameter: 0.3 stays "0.3", 1.0 becomes "1". */
    static String format(float value) {
        return value == Math.rint(value) && Math.abs(value) < 1e7 ? Integer.toString((int) value) : Float.toString(value);
    }

    private static final class Entry {
        final String description;
        final Factory factory;

        Entry(String description, Factory factory) {
            this.description = description;
            this.factory = factory;
        }
    }
}
