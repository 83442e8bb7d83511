package io.github.mishdjl.cli;

import io.github.mishdjl.analysis.LossLandscape;
import io.github.mishdjl.console.Terminal;
import io.github.mishdjl.data.Datasets;
import io.github.mishdjl.experiment.ResultsStore;
import io.github.mishdjl.experiment.Retraining;
import io.github.mishdjl.experiment.SharedWork;
import io.github.mishdjl.train.RunResult;
import io.github.mishdjl.train.RunSpec;
import io.github.mishdjl.train.StepMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mish landscape}: loss surfaces of trained runs (Fig. 4), stored with their results. */
@Command(name = "landscape", mixinStandardHelpOptions = true,
        description = {
            "Loss on a plane of two random filter-normalised directions around the final weights of finished runs",
            "(the paper's Fig. 4, after Li et al. 2018), for runs trained with `compare --keep-weights`. Writes",
            "RESULTS_DIR/landscape/<run>.json (small; the weights are not needed afterwards). Runs with a surface",
            "already are skipped, so an interrupted call resumes. Weights are local (never committed): with",
            "--retrain, a run whose weights are missing is trained again from its record and used only if it",
            "reproduces that record exactly."
        })
final class LandscapeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RESULTS_DIR", description = "A results folder of `mish compare --keep-weights`.")
    Path resultsDir;

    @Option(names = "--arch", description = "Only this architecture.")
    @Nullable String arch;

    @Option(names = {"--seeds", "--seed"}, split = ",", defaultValue = "0", paramLabel = "S[,S...]",
            description = "Only runs of these seeds (default: ${DEFAULT-VALUE}).")
    List<Integer> seeds;

    @Option(names = "--shard", paramLabel = "I/N", converter = Options.ShardConverter.class,
            description = "Compute only slice I of N of the surfaces (by the run's place in the grid), as `compare "
                    + "--shard` slices the runs. Not needed for processes on one folder: each takes the next surface "
                    + "nobody is computing.")
    Options.@Nullable Shard shard;

    @Option(names = "--resolution", defaultValue = "21", description = "Points per axis, odd (default: ${DEFAULT-VALUE}).")
    int resolution;

    @Option(names = "--span", defaultValue = "1.0", description = "The plane covers [-span, span]^2 (default: ${DEFAULT-VALUE}).")
    double span;

    @Option(names = "--images", defaultValue = "1024",
            description = "Training images evaluated at every point, class-stratified, so rounded down to a whole "
                    + "number per class (the default ${DEFAULT-VALUE} gives 1,020 on CIFAR-10).")
    int images;

    @Option(names = "--direction-seed", defaultValue = "1", description = "Seed of the directions (default: ${DEFAULT-VALUE}).")
    long directionSeed;

    @Option(names = "--data-dir", description = "Where to look for datasets first (then $MISH_DATA, then the cache).")
    @Nullable Path dataDir;

    @Option(names = "--retrain", description = "Recover missing weights by training the run again from its record "
            + "(as long as the run took); the surface is computed only if every epoch reproduces the record exactly "
            + "(use the run's own --threads).")
    boolean retrain;

    @Spec
    CommandSpec spec;

    /**
     * Whether a run's surface belongs to a shard: by the run's place in the recorded grid, as {@code compare
     * --shard} slices the runs ({@code Grid.shard}), so a worker computes the surfaces of the runs it trained; a run
     * outside the grid goes by its id's hash.
     */
    static boolean inShard(List<String> gridOrder, String id, Options.Shard shard) {
        int place = gridOrder.indexOf(id);
        return Math.floorMod(place >= 0 ? place : id.hashCode(), shard.count()) == shard.index();
    }

    @Override
    public Integer call() {
        if (resolution < 3 || resolution % 2 == 0) {
            throw new ParameterException(spec.commandLine(), "--resolution must be odd and at least 3, got " + resolution);
        }
        if (!(span > 0) || images < 1) {
            throw new ParameterException(spec.commandLine(), "--span and --images must be positive");
        }
        if (!Files.isDirectory(resultsDir)) {
            throw new ParameterException(spec.commandLine(), "RESULTS_DIR " + resultsDir + " does not exist");
        }
        Options.existingFolder(spec.commandLine(), "--data-dir", dataDir);
        ResultsStore store = new ResultsStore(resultsDir);
        // a run's slice follows its place in the recorded grid, so it does not change as other runs finish
        List<String> order = store.grid().map(g -> g.runs().stream().map(RunSpec::id).toList()).orElse(List.of());
        List<RunResult> stored = store.all();
        List<RunResult> matching = stored.stream()
                .filter(r -> !r.diverged() && seeds.contains(r.spec().seed()))
                .filter(r -> arch == null || r.spec().architecture().equals(arch)).toList();
        if (matching.isEmpty()) {
            // before sharding: a shard may rightly get none, but a filter that matches nothing is a mistake
            throw new ParameterException(spec.commandLine(), "no finished run in " + resultsDir + " has "
                    + (arch == null ? "" : "--arch " + arch + " and ") + "--seeds " + seeds + " (seed values, not a "
                    + "count); stored: " + stored.stream().map(r -> r.spec().architecture() + " seed "
                    + r.spec().seed()).distinct().sorted().collect(java.util.stream.Collectors.joining(", ")));
        }
        List<RunResult> runs = matching.stream()
                .filter(r -> shard == null || inShard(order, r.id(), shard)).toList();
        // a stored surface counts only if it was computed with these settings; otherwise it is recomputed
        java.util.Set<String> done = stored(true);
        int before = (int) runs.stream().filter(r -> done.contains(r.id())).count();
        Map<String, Datasets.Splits> data = new HashMap<>();
        java.util.function.Function<RunResult, Datasets.Splits> splitsOf = r -> data.computeIfAbsent(
                r.spec().protocol().dataset(), n -> Datasets.load(n, dataDir, System.err::println));
        if (retrain) { // a network too large for this machine would be killed in silence partway through a retraining
            StepMemory.require(runs.stream().filter(r -> !done.contains(r.id()) && !Files.isDirectory(
                    store.weights(r.id()))).map(RunResult::spec).toList(), System.err::println);
        }
        var job = new SharedWork.Job<RunResult>() {
            final List<String> withoutWeights = new java.util.ArrayList<>(); // not retrained, or not reproduced
            int recovered;
            int computed;
            int meanwhile;
            int givenUp;

            @Override
            public String key(RunResult r) {
                return claimKey(r.id());
            }

            @Override
            public boolean finished(RunResult r) {
                return done.contains(r.id()) || stored(false).contains(r.id());
            }

            @Override
            public void skip(RunResult r, String label) {
                if (!done.contains(r.id())) {
                    meanwhile++; // computed by another process since this one looked
                }
            }

            @Override
            public void finishedByHolder(RunResult r) {
                meanwhile++;
            }

            @Override
            public void givenUp(RunResult r) {
                givenUp++;
                System.err.println(r.id() + ": the process computing its surface released it unfinished (no "
                        + "weights and no --retrain, a retraining that did not reproduce its record, or an error: its "
                        + "output says why); not computed here");
            }

            @Override
            public void leftTo(RunResult r, String label, String holder) {
                System.err.println(label + r.id() + ": its surface is being computed by " + holder + "; left to it");
            }

            @Override
            public void run(RunResult r, String label) {
                if (!Files.isDirectory(store.weights(r.id()))) {
                    if (!retrain) {
                        System.err.println(label + "no weights for " + r.id() + " (train with `compare "
                                + "--keep-weights`, or recover them with --retrain); skipped");
                        withoutWeights.add(r.id());
                        return;
                    }
                    System.err.println(label + r.id() + ": no weights here (they are local, not committed); "
                            + "retraining it from its record (" + r.history().size() + (r.history().size() == 1
                            ? " epoch" : " epochs") + ", about " + Math.round(r.wallSeconds() / 60)
                            + " minutes when it first ran) ...");
                    Retraining.Outcome outcome = Retraining.recoverWeights(store, r, splitsOf.apply(r),
                            new ConsoleProgress());
                    System.err.println(r.id() + ": " + outcome.detail() + (outcome.reproduced() ? "" : "; no surface"));
                    if (!outcome.reproduced()) {
                        withoutWeights.add(r.id());
                        return;
                    }
                    recovered++;
                }
                Datasets.Splits splits = splitsOf.apply(r);
                long start = System.nanoTime();
                LossLandscape.Surface s;
                try (@Nullable ProgressBar bar = Terminal.bar(r.id(), resolution)) {
                    s = LossLandscape.of(r.spec(), store.weights(r.id()), splits.getTrain(), resolution, span, images,
                            directionSeed, (row, rows) -> {
                                if (bar != null) {
                                    bar.stepTo(row);
                                } else {
                                    System.err.println(r.id() + ": row " + row + "/" + rows);
                                }
                            });
                }
                Path file = LossLandscape.save(resultsDir, s);
                System.err.printf(java.util.Locale.ROOT, "%s%s: centre loss %.4f, %d x %d points in %.0f s -> %s%n",
                        label, r.id(), s.centreLoss(), resolution, resolution, (System.nanoTime() - start) / 1e9,
                        file);
                computed++;
            }
        };
        List<RunResult> leftToOthers = SharedWork.run(store, runs, job);
        List<String> withoutWeights = job.withoutWeights;
        int recovered = job.recovered;
        int computed = job.computed;
        int meanwhile = job.meanwhile;
        System.err.println(computed + " surfaces computed; " + before + " there before"
                + (retrain ? "; " + recovered + " runs retrained to recover their weights" : "")
                + (withoutWeights.isEmpty() ? "" : "; " + withoutWeights.size() + " without weights")
                + (leftToOthers.isEmpty() ? "" : "; " + leftToOthers.size() + " left to other processes computing them")
                + (job.givenUp == 0 ? "" : "; " + job.givenUp + " given up by the processes that held them")
                + (meanwhile == 0 ? "" : "; " + meanwhile + " computed by other processes meanwhile"));
        return 0;
    }

    /**
     * The claim a process holds on run {@code id}'s surface while it computes it
     * ({@link io.github.mishdjl.experiment.RunClaim}).
     */
    static String claimKey(String id) {
        return "surface-" + id;
    }

    /** The runs whose stored surface was computed with these settings (any other is recomputed, said if {@code tell}). */
    private java.util.Set<String> stored(boolean tell) {
        java.util.Set<String> done = new java.util.HashSet<>();
        for (LossLandscape.Surface s : LossLandscape.load(resultsDir)) {
            double[] c = s.coordinates();
            if (c.length == resolution && Math.abs(c[c.length - 1] - span) < 1e-12 && s.directionSeed() == directionSeed
                    && Math.abs(s.images() - images) <= 10) {
                done.add(s.run());
            } else if (tell) {
                System.err.println(s.run() + ": stored surface has other settings; recomputing");
            }
        }
        return done;
    }
}
