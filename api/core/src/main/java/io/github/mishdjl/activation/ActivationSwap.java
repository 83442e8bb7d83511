package io.github.mishdjl.activation;

import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Finds and swaps activation blocks inside a DJL block tree. Identifiable are the project's {@link
 * ActivationBlock}s and DJL's named activation blocks ({@code Activation.reluBlock()} and its siblings);
 * DJL's anonymous lambdas (e.g. model-zoo ResNet's {@code addSingleton(Activation::relu)}) are not.
 */
final class ActivationSwap {

    /** What stands for a parameter DJL's block does not record. */
    static final String UNKNOWN = "?";

    /**
     * DJL's activation block names, as registry names. DJL names {@code swishBlock(beta)}, {@code eluBlock(alpha)} and
     * {@code leakyReluBlock(alpha)} by kind only ("Swish" whatever beta): they are {@code swish:?} and kin here, so
     * that no spec takes them for its default parameter (a swishBlock(1.5f) is not SiLU).
     */
    private static final Map<String, String> DJL_NAMES = Map.ofEntries(
            Map.entry("relu", "relu"), Map.entry("relu6", "relu6"), Map.entry("sigmoid", "sigmoid"),
            Map.entry("tanh", "tanh"), Map.entry("softplus", "softplus"), Map.entry("softsign", "softsign"),
            Map.entry("leakyrelu", "leaky_relu:" + UNKNOWN), Map.entry("elu", "elu:" + UNKNOWN),
            Map.entry("selu", "selu"), Map.entry("gelu", "gelu"), Map.entry("swish", "swish:" + UNKNOWN),
            Map.entry("mish", "djl_mish")); // DJL's log2 variant: not Mish

    /** DJL's AbstractBlock.children, found at first use; a failure is said again at every use, not just once. */
    private static volatile @Nullable Field children;

    // DJL keeps a block's children in a protected field with no setter: the one piece of DJL's internals this class
    // reads. Checked at first use, with a message that says what to do if DJL changed it.
    static Field children() {
        Field field = children;
        if (field != null) {
            return field;
        }
        try {
            field = AbstractBlock.class.getDeclaredField("children");
            if (!BlockList.class.isAssignableFrom(field.getType())) {
                throw new NoSuchFieldException("children is a " + field.getType().getName() + ", not a BlockList");
            }
            field.setAccessible(true);
        } catch (NoSuchFieldException | RuntimeException e) {
            throw new IllegalStateException("Activation swapping reads DJL's AbstractBlock.children, as DJL "
                    + TorchInternals.EXPECTED_DJL + " has it; this DJL (" + ai.djl.engine.Engine.getDjlVersion()
                    + ") does not (" + e.getMessage() + "). Use DJL " + TorchInternals.EXPECTED_DJL + ", or build the "
                    + "network with the new activation instead of swapping it in", e);
        }
        children = field;
        return field;
    }

    private int found;
    private int replaced;
    private final Predicate<String> select;
    private final ActivationFunction replacement;

    /** Whether select also sees a name's base ({@code leaky_relu} for {@code leaky_relu:0.3}). */
    private final boolean bases;

    private ActivationSwap(Predicate<String> select, ActivationFunction replacement, boolean bases) {
        this.select = select;
        this.replacement = replacement;
        this.bases = bases;
    }

    /** Replaces the activations whose name or base name {@code select} accepts. */
    static int replace(Block root, Predicate<String> select, ActivationFunction replacement) {
        return replace(root, new ActivationSwap(select, replacement, true));
    }

    /** Replaces the activations whose full name {@code select} accepts (bases aside: swish is not swish:1.5). */
    static int replaceFunctions(Block root, Predicate<String> select, ActivationFunction replacement) {
        return replace(root, new ActivationSwap(select, replacement, false));
    }

    private static int replace(Block root, ActivationSwap swap) {
        swap.visit(root);
        if (swap.found == 0) {
            throw new IllegalArgumentException("No identifiable activation in " + root.getClass().getSimpleName()
                    + ": only mish-djl ActivationBlocks and DJL's named activation blocks (Activation.reluBlock() ...)"
                    + " can be recognised, not anonymous lambdas such as addSingleton(Activation::relu)");
        }
        return swap.replaced;
    }

    /** The names of the identifiable activations in a tree, in order ({@code swish:?} for DJL's Swish blocks). */
    static List<String> names(Block root) {
        List<String> names = new ArrayList<>();
        for (Pair<String, Block> child : root.getChildren()) {
            String name = nameOf(child.getValue());
            if (name != null) {
                names.add(name);
            } else {
                names.addAll(names(child.getValue()));
            }
        }
        return names;
    }

    /** The registry name of an identifiable activation block, or null. */
    static @Nullable String nameOf(Block block) {
        if (block instanceof ActivationBlock) {
            return ((ActivationBlock) block).getActivation().getName();
        }
        if (block instanceof LambdaBlock) {
            return DJL_NAMES.get(((LambdaBlock) block).getName().toLowerCase(Locale.ROOT));
        }
        return null;
    }

    private void visit(Block parent) {
        List<Pair<String, Block>> children = new ArrayList<>();
        for (Pair<String, Block> child : parent.getChildren()) {
            children.add(child);
        }
        boolean changed = false;
        List<Block> updated = new ArrayList<>();
        for (Pair<String, Block> child : children) {
            Block block = child.getValue();
            String name = nameOf(block);
            if (name != null) {
                found++;
                if (select.test(name) || bases && select.test(name.split(":")[0])) {
                    block = replacement.block();
                    replaced++;
                    changed = true;
                }
            } else {
                visit(block);
            }
            updated.add(block);
        }
        if (changed) {
            setChildren(parent, children, updated);
        }
    }

    private static void setChildren(Block parent, List<Pair<String, Block>> old, List<Block> updated) {
        if (parent instanceof SequentialBlock) {
            SequentialBlock sequential = (SequentialBlock) parent;
            for (int i = 0; i < old.size(); i++) {
                sequential.removeLastBlock();
            }
            sequential.addAll(updated);
            return;
        }
        if (!(parent instanceof AbstractBlock)) {
            throw new IllegalArgumentException("Cannot replace children of " + parent.getClass().getName());
        }
        try {
            // DJL has no API to replace a child of a ParallelBlock and its kin: swap it in the list, same key.
            BlockList list = (BlockList) children().get(parent);
            for (int i = 0; i < old.size(); i++) {
                list.remove(i);
                list.add(i, old.get(i).getKey(), updated.get(i));
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot replace children of " + parent.getClass().getName(), e);
        }
    }
}
