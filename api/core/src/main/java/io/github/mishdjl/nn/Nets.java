package io.github.mishdjl.nn;

import ai.djl.nn.SequentialBlock;
import io.github.mishdjl.activation.ActivationFunction;
import io.github.mishdjl.activation.Activations;
import java.util.function.Consumer;
import org.jspecify.annotations.NullMarked;

/** Entry points of the network DSL. */
@NullMarked
public final class Nets {

    private Nets() {}

    /**
     * Builds a sequential network whose default activation is named once.
     *
     * @param activation the default activation by registry name, e.g. {@code "mish"}
     * @param body the layers
     * @return a plain DJL block
     */
    public static SequentialBlock sequential(String activation, Consumer<NetBuilder> body) {
        return sequential(Activations.get(activation), body);
    }

    /**
     * Builds a sequential network with a default activation.
     *
     * @param activation the default activation
     * @param body the layers
     * @return a plain DJL block
     */
    public static SequentialBlock sequential(ActivationFunction activation, Consumer<NetBuilder> body) {
        NetBuilder builder = new NetBuilder(activation, null);
        body.accept(builder);
        return builder.build();
    }

    /** Returns a builder to chain on, for code that prefers {@code builder(...).conv(...)...build()}. */
    public static NetBuilder builder(ActivationFunction activation) {
        return new NetBuilder(activation, null);
    }

    /** Returns a builder whose default activation is named, e.g. {@code "mish"}. */
    public static NetBuilder builder(String activation) {
        return new NetBuilder(Activations.get(activation), null);
    }
}
