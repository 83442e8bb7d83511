package io.github.mishdjl.cli;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.mishdjl.bench.ActivationBenchmark;
import io.github.mishdjl.bench.ActivationBenchmark.Result;
import io.github.mishdjl.bench.ActivationBenchmark.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mish bench}: benchmarks, each a subcommand. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks, measured side by side in one run.",
        subcommands = {BenchCommand.ActivationCommand.class, BenchCommand.TrainCommand.class,
                BenchCommand.EpochCommand.class})
final class BenchCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        new picocli.CommandLine(this).usage(System.out);
        return 0;
    }

    /** {@code mish bench activation}. */
    @Command(
            name = "activation",
            mixinStandardHelpOptions = true,
            description = {
                "Forward and forward+backward time (median of warm rounds) and peak memory of ReLU, Softplus,",
                "Swish, GELU, every Mish implementation and DJL's built-in (a different function), in one run."
            })
    static final class ActivationCommand implements Callable<Integer> {

        @Option(names = "--shape", description = "Input shape (default: ${DEFAULT-VALUE}).",
                defaultValue = "128,64,32,32", converter = Options.ShapeConverter.class)
        Shape shape;

        @Option(names = "--dtype", description = "float32 (default), float64 or float16.",
                defaultValue = "float32", converter = Options.DataTypeConverter.class)
        DataType dtype;

        @Option(names = "--rounds", description = "Timed rounds (default: ${DEFAULT-VALUE}).", defaultValue = "15")
        int rounds;

        @Option(names = "--warmup", description = "Untimed rounds first (default: ${DEFAULT-VALUE}).",
                defaultValue = "3")
        int warmup;

        @Option(names = "--only", split = ",", paramLabel = "NAME",
                description = "Only these variants (names as in the output), e.g. relu,mish-native.")
        List<String> only = new ArrayList<>();

        @Option(names = "--format", description = "text (default) or json.", defaultValue = "text")
        String format;

        @Option(names = "--out", description = "Also write the JSON result to this file.")
        Path out;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (!format.equals("text") && !format.equals("json")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format must be text or json, got '" + format + "'");
            }
            if (dtype == DataType.BFLOAT16) {
                throw new IllegalArgumentException("bfloat16 is not available in DJL 0.35.1's PyTorch engine");
            }
            List<Variant> variants = select(ActivationBenchmark.defaultVariants());
            System.err.println("Timing " + variants.size() + " activations on " + shape + " " + Options.name(dtype)
                    + ", " + Engines.describe() + " ...");
            List<Result> results = ActivationBenchmark.run(variants, shape, dtype, warmup, rounds,
                    line -> System.err.print("\r" + line + "   "));
            System.err.println();
            JsonObject json = toJson(results);
            if (out != null) {
                Path parent = out.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                io.github.mishdjl.files.AtomicFiles.writeString(out, json + "\n");
            }
            System.out.println(format.equals("json") ? json.toString() : table(results));
            return 0;
        }

        private List<Variant> select(List<Variant> all) {
            if (only.isEmpty()) {
                return all;
            }
            List<String> known = all.stream().map(Variant::getName).collect(Collectors.toList());
            for (String name : only) {
                if (!known.contains(name)) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Unknown variant '" + name + "'; known: " + String.join(", ", known));
                }
            }
            return all.stream().filter(v -> only.contains(v.getName())).collect(Collectors.toList());
        }

        private JsonObject toJson(List<Result> results) {
            JsonObject json = new JsonObject();
            JsonArray dims = new JsonArray();
            Arrays.stream(shape.getShape()).forEach(dims::add);
            json.add("shape", dims);
            json.addProperty("dtype", Options.name(dtype));
            json.addProperty("threads", Engines.threads());
            json.addProperty("engine", Engines.describe());
            json.addProperty("cpu", Machine.cpuModel());
            json.addProperty("rounds", rounds);
            json.addProperty("warmup", warmup);
            JsonArray rows = new JsonArray();
            for (Result r : results) {
                JsonObject row = new JsonObject();
                row.addProperty("name", r.getName());
                row.addProperty("forward_ms", round(r.getForwardMs()));
                row.addProperty("forward_backward_ms", round(r.getForwardBackwardMs()));
                row.addProperty("peak_mib", round(r.getPeakMib()));
                row.addProperty("peak_forward_mib", round(r.getPeakForwardMib()));
                row.addProperty("description", r.getDescription());
                rows.add(row);
            }
            json.add("results", rows);
            return json;
        }

        /** Four significant digits: a fast op's microseconds stay visible (two decimals of a millisecond showed 0). */
        private static double round(double value) {
            return !Double.isFinite(value) || value == 0 ? value
                    : new java.math.BigDecimal(value).round(new java.math.MathContext(4)).doubleValue();
        }

        private String table(List<Result> results) {
            Result relu = results.stream().filter(r -> r.getName().equals("relu")).findFirst().orElse(null);
            StringBuilder text = new StringBuilder();
            text.append(String.format(Locale.ROOT, "shape %s %s, %s, %s; median of %d rounds after %d warm-up%n",
                    shape, Options.name(dtype), Engines.describe(), Machine.cpuModel(), rounds, warmup));
            text.append(String.format(Locale.ROOT, "%-18s %9s %13s %9s %16s  %s%n", "name", "fwd ms", "fwd+bwd ms",
                    "x relu", "peak MiB f/f+b", "what"));
            for (Result r : results) {
                String ratio = relu == null ? "-" : String.format(Locale.ROOT, "%.2f",
                        r.getForwardBackwardMs() / relu.getForwardBackwardMs());
                text.append(String.format(Locale.ROOT, "%-18s %9.4g %13.4g %9s %7.0f / %-6.0f  %s%n", r.getName(),
                        r.getForwardMs(), r.getForwardBackwardMs(), ratio, r.getPeakForwardMib(), r.getPeakMib(),
                        r.getDescription()));
            }
            return text.toString().stripTrailing();
        }
    }

    /** {@code mish bench train}. */
    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            description = {
                "Training-step time (SGD, forward + backward + update on a fixed batch) of one network with each",
                "activation, interleaved round by round in one run, and the peak memory of one step."
            })
    static final class TrainCommand implements Callable<Integer> {

        @Option(names = "--arch", defaultValue = "resnet20-v1", description = "Architecture (default: ${DEFAULT-VALUE}).")
        String arch;

        @Option(names = "--activations", split = ",", defaultValue = "relu,mish:native,mish:analytic,mish:autograd,swish",
                description = "Activations, the first is the reference (default: ${DEFAULT-VALUE}).")
        List<String> activations;

        @Option(names = "--batch", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--rounds", defaultValue = "10", description = "Timed rounds (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--warmup", defaultValue = "2", description = "Untimed rounds (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
        String format;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!format.equals("text") && !format.equals("json")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format must be text or json, got '" + format + "'");
            }
            if (rounds < 1 || warmup < 0 || batch < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rounds and --batch must be "
                        + ">= 1 and --warmup >= 0, got " + rounds + ", " + batch + " and " + warmup);
            }
            io.github.mishdjl.zoo.Zoo.get(arch); // unknown names fail here, before any model is built
            activations.forEach(io.github.mishdjl.activation.Activations::get);
            System.err.println("Timing " + arch + " training steps (batch " + batch + ") with " + activations + ", "
                    + Engines.describe() + " ...");
            List<io.github.mishdjl.bench.TrainBenchmark.Result> results = io.github.mishdjl.bench.TrainBenchmark.run(
                    arch, activations, batch, warmup, rounds, line -> System.err.print("\r" + line + "   "));
            System.err.println();
            var reference = results.get(0);
            if (format.equals("json")) {
                JsonObject json = new JsonObject();
                json.addProperty("architecture", arch);
                json.addProperty("batch", batch);
                json.addProperty("threads", Engines.threads());
                json.addProperty("engine", Engines.describe());
                JsonArray rows = new JsonArray();
                for (var r : results) {
                    JsonObject row = new JsonObject();
                    row.addProperty("activation", r.activation());
                    row.addProperty("step_ms", Math.round(r.stepMs() * 100) / 100.0);
                    row.addProperty("steps_per_second", Math.round(r.stepsPerSecond() * 1000) / 1000.0);
                    row.addProperty("peak_mib", Math.round(r.peakMib() * 10) / 10.0);
                    rows.add(row);
                }
                json.add("results", rows);
                System.out.println(json);
                return 0;
            }
            System.out.println(String.format(Locale.ROOT, "%s, batch %d, %s, %s; median of %d rounds", arch, batch,
                    Engines.describe(), Machine.cpuModel(), rounds));
            System.out.println(String.format(Locale.ROOT, "%-16s %10s %9s %10s %10s %10s", "activation", "step ms",
                    "steps/s", "x " + reference.activation(), "peak MiB", "x peak"));
            for (var r : results) {
                System.out.println(String.format(Locale.ROOT, "%-16s %10.1f %9.2f %10.2f %10.0f %10.2f", r.activation(),
                        r.stepMs(), r.stepsPerSecond(), r.stepMs() / reference.stepMs(), r.peakMib(),
                        r.peakMib() / reference.peakMib()));
            }
            return 0;
        }
    }

    /** {@code mish bench epoch}. */
    @Command(
            name = "epoch",
            mixinStandardHelpOptions = true,
            description = {
                "Epoch time of each network on its recorded protocol and real data, through the real training loop:",
                "median step, batch preparation and evaluation timed apart on a slice of the epoch and projected to",
                "the whole (or, with --full, a whole epoch). One markdown row per network and activation."
            })
    static final class EpochCommand implements Callable<Integer> {

        @Option(names = "--archs", split = ",", defaultValue = "resnet20,squeezenet,wrn-10-2",
                description = "Architectures (default: ${DEFAULT-VALUE}).")
        List<String> archs;

        @Option(names = "--activations", split = ",", defaultValue = "relu,mish",
                description = "Activations (default: ${DEFAULT-VALUE}).")
        List<String> activations;

        @Option(names = "--steps", defaultValue = "20", description = "Training steps timed (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--full", description = "Run whole epochs instead of projecting from --steps.")
        boolean full;

        @Option(names = "--data-dir", description = "Where to look for datasets first (then $MISH_DATA, then the cache).")
        java.nio.file.@org.jspecify.annotations.Nullable Path dataDir;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!full && steps < io.github.mishdjl.bench.EpochBenchmark.WARMUP + 3) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--steps must be at least "
                        + (io.github.mishdjl.bench.EpochBenchmark.WARMUP + 3) + " (the first "
                        + io.github.mishdjl.bench.EpochBenchmark.WARMUP + " are untimed), got " + steps);
            }
            Options.existingFolder(spec.commandLine(), "--data-dir", dataDir);
            for (String arch : archs) {
                io.github.mishdjl.zoo.Zoo.get(arch); // unknown names fail here, before any training
            }
            for (String activation : activations) {
                io.github.mishdjl.activation.Activations.get(activation);
            }
            System.err.println("Timing epochs of " + archs + " with " + activations + ", " + Engines.describe() + ", "
                    + Machine.cpuModel() + (full ? ", whole epochs" : ", " + steps + " steps each, projected"));
            System.out.println("| network | protocol | activation | step s | prepare ms | eval s / batch | epoch min | "
                    + "x steps | " + (full ? "measured" : "projected from") + " |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            java.util.Map<String, io.github.mishdjl.data.Datasets.Splits> data = new java.util.HashMap<>();
            io.github.mishdjl.bench.EpochBenchmark.runAll(archs, activations, steps, full,
                    name -> data.computeIfAbsent(name, n -> io.github.mishdjl.data.Datasets.load(n, dataDir,
                            System.err::println)),
                    line -> System.err.print("\r" + line + "   "),
                    r -> {
                        System.err.println();
                        System.out.println(String.format(Locale.ROOT,
                                "| %s | %s | %s | %.3f | %.1f | %.3f | %.2f | %.2f | %s |", r.architecture(),
                                r.protocol(), r.activation(), r.stepSeconds(), r.prepareSeconds() * 1000,
                                r.evalBatchSeconds(), r.epochSeconds() / 60, r.overhead(), r.measured()
                                        ? "1 epoch" : r.timedSteps() + " of " + r.trainBatches() + " steps"));
                        System.out.flush();
                    });
            return 0;
        }
    }
}
