package io.github.mishdjl.experiment;

import io.github.mishdjl.train.EpochStats;
import io.github.mishdjl.train.RunResult;
import io.github.mishdjl.train.RunSpec;
import io.github.mishdjl.train.TrainingRun;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * How far a results folder's grid has come: its runs finished, the ones still to go (with the epochs an interrupted
 * one has checkpointed, where a restart resumes), and the time left, estimated from the epochs already trained. For
 * grids that run for hours or days across sessions: {@code mish status DIR}.
 *
 * @param grid the folder's recorded grid
 * @param finished its runs stored (finished or diverged), in the grid's order
 * @param toGo its runs not stored yet, in the grid's order (the order {@code mish compare} trains them in)
 * @param secondsLeft the training time the runs to go need, one after another (a run's remaining epochs times the
 *     median epoch time of the finished epochs of its network and activation, else of its network); NaN when some
 *     run to go has no finished epoch of its network to go by
 */
@NullMarked
public record GridStatus(Grid grid, List<RunResult> finished, List<ToGo> toGo, double secondsLeft) {

    /**
     * A run still to train.
     *
     * @param spec the run
     * @param checkpointed epochs its checkpoint holds (0: it starts from the beginning)
     * @param trainingBy the process training it now ({@link RunClaim}), e.g. "pid 4242 on node-3 since ...", or null
     */
    public record ToGo(RunSpec spec, int checkpointed, @Nullable String trainingBy) {

        /** Epochs it still has to train. */
        public int epochsLeft() {
            return spec.protocol().epochs() - checkpointed;
        }
    }

    /**
     * The status of the grid stored in {@code store}.
     *
     * @throws IllegalArgumentException if the folder holds no grid (not a folder of {@code mish compare})
     */
    public static GridStatus of(ResultsStore store) {
        Grid grid = store.grid().orElseThrow(() -> new IllegalArgumentException(store.getRoot() + " holds no grid "
                + "(grid.json): give a results folder of `mish compare`" + (Files.isDirectory(store.getRoot())
                ? "" : " (it does not exist)")));
        List<RunResult> all = store.all(); // every run file read once
        Map<String, RunResult> stored = all.stream().collect(Collectors.toMap(RunResult::id, r -> r, (a, b) -> a));
        List<RunResult> finished = new ArrayList<>();
        List<ToGo> toGo = new ArrayList<>();
        for (RunSpec spec : grid.runs()) {
            RunResult r = stored.get(spec.id());
            if (r != null) {
                finished.add(r);
            } else {
                toGo.add(new ToGo(spec, Math.min(spec.protocol().epochs(),
                        TrainingRun.checkpointedEpochs(store.checkpoints(spec.id()))),
                        store.claimHolder(spec.id()).orElse(null)));
            }
        }
        // every finished epoch of the folder counts, not only the grid's: the same network trained the same way
        Map<String, double[]> byRun = epochSeconds(all, s -> s.architecture() + "\n" + s.activation());
        Map<String, double[]> byNetwork = epochSeconds(all, RunSpec::architecture);
        double left = 0;
        Median median = new Median();
        for (ToGo t : toGo) {
            double[] seconds = byRun.getOrDefault(t.spec().architecture() + "\n" + t.spec().activation(),
                    byNetwork.get(t.spec().architecture()));
            left += seconds == null ? Double.NaN : t.epochsLeft() * median.evaluate(seconds);
        }
        return new GridStatus(grid, List.copyOf(finished), List.copyOf(toGo), left);
    }

    private static Map<String, double[]> epochSeconds(List<RunResult> runs,
            java.util.function.Function<RunSpec, String> key) {
        Map<String, List<Double>> seconds = new HashMap<>();
        for (RunResult r : runs) {
            for (EpochStats e : r.history()) {
                if (e.seconds() > 0) {
                    seconds.computeIfAbsent(key.apply(r.spec()), k -> new ArrayList<>()).add(e.seconds());
                }
            }
        }
        Map<String, double[]> out = new HashMap<>();
        seconds.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    /** E.g. "12 run-minutes" or "3.4 run-hours": the runs' own training time, added up. */
    static String duration(double seconds) {
        if (seconds < 3600) {
            long minutes = Math.max(1, Math.round(seconds / 60));
            return minutes + (minutes == 1 ? " run-minute" : " run-minutes");
        }
        return String.format(Locale.ROOT, "%.1f run-hours", seconds / 3600);
    }

    /** E.g. "mish seed 2 (6 of 10 epochs checkpointed; training now: pid 4242 on node-3 since ...)". */
    private static String describe(ToGo t) {
        List<String> notes = new ArrayList<>();
        if (t.checkpointed() > 0) {
            notes.add(t.checkpointed() + " of " + t.spec().protocol().epochs() + " epochs checkpointed");
        }
        if (t.trainingBy() != null) {
            notes.add("training now: " + t.trainingBy());
        }
        return t.spec().activation() + " seed " + t.spec().seed() + (notes.isEmpty() ? ""
                : " (" + String.join("; ", notes) + ")");
    }

    /** Whether every run of the grid is stored. */
    public boolean isComplete() {
        return toGo.isEmpty();
    }

    /** The status in a few lines of plain text, for a terminal. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(grid.name());
        long diverged = finished.stream().filter(RunResult::diverged).count();
        int all = finished.size() + toGo.size();
        out.add(String.format(Locale.ROOT, "  %d of %d runs stored%s%s", finished.size(), all,
                diverged > 0 ? " (" + diverged + " diverged)" : "", isComplete() ? ": complete" : ", " + toGo.size()
                + " to go"));
        Set<String> networks = toGo.stream().map(t -> t.spec().architecture())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        for (String network : networks) {
            List<String> runs = toGo.stream().filter(t -> t.spec().architecture().equals(network))
                    .map(GridStatus::describe).toList();
            out.add("  to go, " + network + ": " + String.join(", ", runs));
        }
        if (!isComplete()) {
            out.add(Double.isNaN(secondsLeft) ? "  time left: unknown (no finished epoch of some network yet)"
                    : "  time left: about " + duration(secondsLeft) + " of training, at the median epoch time so "
                            + "far (runs trained side by side overlap, so the wall time is shorter)");
        }
        return out;
    }
}
