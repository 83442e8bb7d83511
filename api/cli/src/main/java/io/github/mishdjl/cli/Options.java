package io.github.mishdjl.cli;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;

/** Converters shared by the subcommands: data types, shapes and numbers as users type them. */
final class Options {

    private Options() {}

    /**
     * Refuses a folder option naming no folder, before any work starts: a mistyped {@code --data-dir} would
     * otherwise be skipped in silence and the dataset downloaded again.
     */
    static void existingFolder(CommandLine commandLine, String option, @org.jspecify.annotations.Nullable Path folder) {
        if (folder != null && !java.nio.file.Files.isDirectory(folder)) {
            throw new CommandLine.ParameterException(commandLine, option + " " + folder + (java.nio.file.Files.exists(
                    folder) ? " is a file, not a folder" : " does not exist") + "; give an existing folder or leave "
                    + option + " out");
        }
    }

    /** float32, float64, float16 or bfloat16 (also fp32, half, double, ...). */
    static final class DataTypeConverter implements CommandLine.ITypeConverter<DataType> {
        @Override
        public DataType convert(String value) {
            switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "float32": case "fp32": case "float":
                    return DataType.FLOAT32;
                case "float64": case "fp64": case "double":
                    return DataType.FLOAT64;
                case "float16": case "fp16": case "half":
                    return DataType.FLOAT16;
                case "bfloat16": case "bf16":
                    return DataType.BFLOAT16;
                default:
                    throw new CommandLine.TypeConversionException(
                            "'" + value + "' is not a data type; use float32, float64, float16 or bfloat16");
            }
        }
    }

    /** A shape as comma-separated positive sizes: 128,64,32,32. */
    static final class ShapeConverter implements CommandLine.ITypeConverter<Shape> {
        @Override
        public Shape convert(String value) {
            try {
                long[] dims = Arrays.stream(value.split(",")).map(String::trim).mapToLong(Long::parseLong).toArray();
                if (dims.length == 0 || Arrays.stream(dims).anyMatch(d -> d < 1)) {
                    throw new NumberFormatException();
                }
                return new Shape(dims);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a shape; give positive sizes separated by commas, e.g. 128,64,32,32");
            }
        }
    }

    /** A number, also NaN, Infinity, -Infinity, inf and -inf in any case. */
    static final class NumberConverter implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String v = value.trim();
            switch (v.toLowerCase(Locale.ROOT)) {
                case "nan":
                    return Double.NaN;
                case "inf": case "+inf": case "infinity": case "+infinity":
                    return Double.POSITIVE_INFINITY;
                case "-inf": case "-infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw new CommandLine.TypeConversionException("'" + value + "' is not a number");
                    }
            }
        }
    }

    /** {@code --shard I/N}: slice I (0-based) of N, for workers that share one results folder. */
    record Shard(int index, int count) {
        @Override
        public String toString() {
            return index + "/" + count;
        }
    }

    /** I/N with whole numbers 0 <= I < N. */
    static final class ShardConverter implements CommandLine.ITypeConverter<Shard> {
        @Override
        public Shard convert(String value) {
            String[] parts = value.split("/");
            try {
                if (parts.length == 2) {
                    int index = Integer.parseInt(parts[0].trim());
                    int count = Integer.parseInt(parts[1].trim());
                    if (count >= 1 && index >= 0 && index < count) {
                        return new Shard(index, count);
                    }
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new CommandLine.TypeConversionException("--shard must be I/N with whole numbers 0 <= I < N (e.g. 0/4 "
                    + "for the first of four workers), got '" + value + "'");
        }
    }

    /** Lower-case name of a data type, as the command line writes it. */
    static String name(DataType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }
}
