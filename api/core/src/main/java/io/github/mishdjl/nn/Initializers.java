package io.github.mishdjl.nn;

import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.initializer.XavierInitializer.FactorType;
import ai.djl.training.initializer.XavierInitializer.RandomType;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.NullMarked;

/**
 * Weight initialisers by name, as the initialiser ablation (Fig. 5c) varies them. All are DJL's Xavier
 * family with the scale each definition gives: Glorot uniform {@code U(+-sqrt(6 / (in + out)))}, Glorot normal
 * {@code N(0, 2 / (in + out))}, LeCun normal {@code N(0, 1 / in)}, He uniform {@code U(+-sqrt(6 / in))}, He
 * normal {@code N(0, 2 / in)} (DJL's own default), PyTorch's default for convolutions and dense layers
 * {@code U(+-sqrt(1 / in))} (biases stay zero here; PyTorch draws them from the same range). Apply to weights: {@code config.optInitializer(init, Parameter.Type.WEIGHT)}.
 */
@NullMarked
public final class Initializers {

    private static final List<String> NAMES =
            List.of("glorot_uniform", "glorot_normal", "lecun_normal", "he_uniform", "he_normal", "pytorch_default");

    private Initializers() {}

    /** The names {@link #get(String)} accepts. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Returns an initialiser by name ({@code glorot} means Glorot uniform; {@code xavier} is accepted too).
     *
     * @param name one of {@link #names()}
     * @return the initialiser
     */
    public static Initializer get(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "glorot": case "glorot_uniform": case "xavier": case "xavier_uniform":
                return new XavierInitializer(RandomType.UNIFORM, FactorType.AVG, 3);
            case "glorot_normal": case "xavier_normal":
                return new XavierInitializer(RandomType.GAUSSIAN, FactorType.AVG, 1);
            case "lecun_normal":
                return new XavierInitializer(RandomType.GAUSSIAN, FactorType.IN, 1);
            case "he_uniform":
                return new XavierInitializer(RandomType.UNIFORM, FactorType.IN, 6);
            case "he_normal": case "he": case "kaiming":
                return new XavierInitializer(RandomType.GAUSSIAN, FactorType.IN, 2);
            case "pytorch_default": case "pytorch": case "torch":
                // PyTorch's default for Conv2d and Linear weights: kaiming_uniform(a = sqrt(5)) = U(+-sqrt(1 / in))
                return new XavierInitializer(RandomType.UNIFORM, FactorType.IN, 1);
            default:
                throw new IllegalArgumentException("Unknown initializer '" + name + "'; known: " + String.join(", ", NAMES));
        }
    }
}
