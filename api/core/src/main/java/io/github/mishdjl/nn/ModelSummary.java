package io.github.mishdjl.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.github.mishdjl.activation.ActivationBlock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.NullMarked;

/**
 * A layer table of a DJL block: per layer its name, output shape and parameter count, as text and as rows for
 * renderers. Sequential blocks are expanded; other composites (residual sums, concatenations) are one row.
 */
@NullMarked
public final class ModelSummary {

    /** One layer. */
    public static final class Row {
        private final String name;
        private final String type;
        private final Shape outputShape;
        private final long parameters;
        private final int depth;

        Row(String name, String type, Shape outputShape, long parameters, int depth) {
            this.name = name;
            this.type = type;
            this.outputShape = outputShape;
            this.parameters = parameters;
            this.depth = depth;
        }

        /** The path of the layer in the tree, e.g. {@code 03SequentialBlock/01Conv2d}. */
        public String getName() {
            return name;
        }

        /** What the layer is: its class, or the activation's name. */
        public String getType() {
            return type;
        }

        /** The layer's output shape, batch axis first, for the summary's input shape. */
        public Shape getOutputShape() {
            return outputShape;
        }

        /** Trainable parameters of the layer (and of everything inside it). */
        public long getParameters() {
            return parameters;
        }

        /** Nesting depth, 0 for the top level. */
        public int getDepth() {
            return depth;
        }
    }

    private final Shape inputShape;
    private final Shape outputShape;
    private final List<Row> rows;
    private final long trainable;
    private final long total;

    private ModelSummary(Shape inputShape, Shape outputShape, List<Row> rows, long trainable, long total) {
        this.inputShape = inputShape;
        this.outputShape = outputShape;
        this.rows = Collections.unmodifiableList(rows);
        this.trainable = trainable;
        this.total = total;
    }

    /**
     * Summarises a block for an input shape, initialising it (float32, in {@code manager}) if needed.
     *
     * @param manager owns the parameters if the block is initialised here
     * @param block the network
     * @param inputShape with the batch axis, e.g. (1, 3, 32, 32); for a zoo architecture, whose input shape is one
     *     example's, {@code new Shape(1).addAll(architecture.getInputShape())}
     * @return the summary
     */
    public static ModelSummary of(NDManager manager, Block block, Shape inputShape) {
        if (!block.isInitialized()) {
            block.initialize(manager, DataType.FLOAT32, inputShape);
        }
        List<Row> rows = new ArrayList<>();
        Shape out = walk(block, inputShape, "", 0, rows);
        long trainable = 0;
        long total = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            long size = p.getValue().getArray().size();
            total += size;
            if (p.getValue().requiresGradient()) {
                trainable += size;
            }
        }
        return new ModelSummary(inputShape, out, rows, trainable, total);
    }

    /** Trainable parameters of a block (what papers count: running statistics are not parameters there). */
    public static long trainableParameters(Block block) {
        long count = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                count += p.getValue().getArray().size();
            }
        }
        return count;
    }

    private static Shape walk(Block block, Shape input, String path, int depth, List<Row> rows) {
        Shape current = input;
        if (block instanceof SequentialBlock) {
            PairList<String, Block> children = block.getChildren();
            for (Pair<String, Block> child : children) {
                String name = path.isEmpty() ? child.getKey() : path + "/" + child.getKey();
                Shape out = child.getValue().getOutputShapes(new Shape[] {current})[0];
                rows.add(new Row(name, type(child.getValue()), out, trainableParameters(child.getValue()), depth));
                if (child.getValue() instanceof SequentialBlock && depth < 8) {
                    walk(child.getValue(), current, name, depth + 1, rows);
                }
                current = out;
            }
            return current;
        }
        Shape out = block.getOutputShapes(new Shape[] {input})[0];
        rows.add(new Row(path.isEmpty() ? "0" : path, type(block), out, trainableParameters(block), depth));
        return out;
    }

    private static String type(Block block) {
        if (block instanceof ActivationBlock) {
            return "Activation " + ((ActivationBlock) block).getActivation().getName();
        }
        if (block instanceof LambdaBlock && !LambdaBlock.DEFAULT_NAME.equals(((LambdaBlock) block).getName())) {
            return ((LambdaBlock) block).getName();
        }
        return block.getClass().getSimpleName();
    }

    /** The input shape the summary was computed for, batch axis first. */
    public Shape getInputShape() {
        return inputShape;
    }

    /** The network's output shape for that input. */
    public Shape getOutputShape() {
        return outputShape;
    }

    /** One row per layer, in the order the input passes them; a nested block's rows follow its own, one depth deeper. */
    public List<Row> getRows() {
        return rows;
    }

    /** Parameters that training updates. */
    public long getTrainableParameters() {
        return trainable;
    }

    /** All parameters, running statistics of batch norms included. */
    public long getTotalParameters() {
        return total;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%-44s %-28s %-22s %12s%n", "layer", "type", "output shape", "params"));
        for (Row row : rows) {
            String indent = "  ".repeat(row.depth);
            text.append(String.format(Locale.ROOT, "%-44s %-28s %-22s %,12d%n", indent + row.name, row.type,
                    row.outputShape, row.parameters));
        }
        text.append(String.format(Locale.ROOT, "input %s -> output %s; %,d trainable parameters (%,d with running "
                + "statistics)", inputShape, outputShape, trainable, total));
        return text.toString();
    }
}
