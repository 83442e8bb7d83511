package io.github.mishdjl.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.github.mishdjl.activation.Activations;
import io.github.mishdjl.nn.Nets;
import org.junit.jupiter.api.Test;

/** Networks of a user's own join the zoo by name, and only under names the zoo does not use. */
class RegisterTest {

    private static Architecture.Builder tiny(String name) {
        return Architecture.builder().setName(name).setInputShape(new Shape(1, 8, 8)).optClasses(3)
                .setFactory(a -> Nets.sequential(a, b -> b.inputChannels(1).conv(4, 3).activation().flatten()
                        .linear(3)));
    }

    @Test
    void aRegisteredNetworkIsFoundByNameAndBuildsWithTheGivenActivation() {
        Architecture mine = Zoo.register(tiny("register-test-net").optReference("a test net").build());
        try {
            assertSame(mine, Zoo.get("Register-Test-Net"), "found case-insensitively, like built-in names");
            assertEquals(Source.USER, mine.getSource());
            assertFalse(mine.isReconstructed());
            assertTrue(mine.getOfficialFile().isEmpty());
            assertEquals(3, mine.getClasses());
            assertEquals("a test net", mine.getReference());
            assertTrue(Zoo.registered().contains("register-test-net"));
            Block net = mine.build(Activations.get("mish"));
            try (NDManager m = NDManager.newBaseManager()) {
                net.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(2, 1, 8, 8));
                NDList out = net.forward(new ParameterStore(m, false), new NDList(m.ones(new Shape(2, 1, 8, 8))),
                        false);
                assertEquals(new Shape(2, 3), out.singletonOrThrow().getShape());
            }
            java.util.List<io.github.mishdjl.activation.ActivationFunction> seen = new java.util.ArrayList<>();
            Architecture.builder().setName("seen").setInputShape(new Shape(1, 8, 8)).setFactory(a -> {
                seen.add(a);
                return Nets.sequential(a, b -> b.linear(2));
            }).build().build(Activations.get("swish"));
            assertEquals("swish:1", seen.get(0).getName(), "the factory gets the activation it is built with");
            // registering again replaces (a notebook cell rerun)
            Architecture again = Zoo.register(tiny("register-test-net").build());
            assertSame(again, Zoo.get("register-test-net"));
        } finally {
            assertTrue(Zoo.unregister("Register_Test_Net"), "unregister finds a name as get does");
        }
        IllegalArgumentException gone = assertThrows(IllegalArgumentException.class,
                () -> Zoo.get("register-test-net"));
        assertTrue(gone.getMessage().contains("Zoo.register"), gone.getMessage());
    }

    @Test
    void builtInNamesAndPatternsCannotBeTaken() {
        for (String name : new String[] {"squeezenet", "resnet20", "resnet110", "resnet20-v2", "wrn-16-4",
                "deep-dense-30"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Zoo.register(tiny(name).build()), name);
            assertTrue(e.getMessage().contains("built-in") && e.getMessage().contains(name), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Zoo.register(Zoo.get("squeezenet")));
        assertTrue(e.getMessage().contains("Architecture.builder()"), e.getMessage());
    }

    /** A network that does not fit its declared input or classes is refused when registered, before any grid. */
    @Test
    void aNetworkThatDoesNotFitItsShapesIsRefusedAtRegistration() {
        IllegalArgumentException classes = assertThrows(IllegalArgumentException.class, () -> Zoo.register(
                tiny("wrong-classes").optClasses(10).build()));
        assertTrue(classes.getMessage().contains("(1, 3)") && classes.getMessage().contains("10 classes"),
                classes.getMessage());
        IllegalArgumentException input = assertThrows(IllegalArgumentException.class, () -> Zoo.register(
                Architecture.builder().setName("wrong-input").setInputShape(new Shape(64)).optClasses(3)
                        .setFactory(a -> Nets.sequential(a, b -> b.inputChannels(1).conv(4, 3).flatten().linear(3)))
                        .build())); // a convolution on flat vectors
        assertTrue(input.getMessage().contains("does not build on its input shape (64)"), input.getMessage());
        assertFalse(Zoo.registered().contains("wrong-classes") || Zoo.registered().contains("wrong-input"));
    }

    @Test
    void incompleteOrBadlyNamedBuildersSayWhatIsMissing() {
        for (String bad : new String[] {"My Net", "net_1", "-net", "Net", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tiny(bad).build(), bad);
            assertTrue(e.getMessage().contains("lower-case letters") && e.getMessage().contains("'" + bad + "'"),
                    e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Architecture.builder().setName("x")
                .setFactory(a -> Nets.sequential(a, b -> b.linear(2))).build()).getMessage()
                .contains("setInputShape"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Architecture.builder().setName("x")
                .setInputShape(new Shape(1, 2, 2)).build()).getMessage().contains("setFactory"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tiny("x").optClasses(1).build()).getMessage()
                .contains("at least 2 classes"));
    }
}
